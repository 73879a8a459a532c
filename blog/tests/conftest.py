"""The editorial roles as signed-in clients: an author ("ann") and an editor ("eve")."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def author(django_user_model):
    return member(django_user_model, "ann", "Author")


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "eve", "Editor")
