"""config/redis_cache.py reads what Django's Redis serializer writes, values of every kind."""

import pickle

import pytest

from config.redis_cache import PickleFirstSerializer


def as_redis_returns(stored) -> bytes:
    # Redis keeps an integer Django wrote raw as its digits, and hands back bytes.
    return str(stored).encode() if isinstance(stored, int) else stored


@pytest.mark.parametrize("value", [0, 7, -12, 2**70, 1764633600.25, "7", b"\x80", True, None, {"a": [1.5]}])
def test_every_value_reads_back_as_written(value):
    serializer = PickleFirstSerializer(pickle.HIGHEST_PROTOCOL)
    read = serializer.loads(as_redis_returns(serializer.dumps(value)))
    assert read == value and type(read) is type(value)


def test_the_cache_uses_it_where_django_would_use_its_own(settings):
    from config.redis_cache import RedisCacheClient

    assert type(RedisCacheClient(["redis://127.0.0.1:1/0"])._serializer) is PickleFirstSerializer
