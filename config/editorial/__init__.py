"""Editing in the admin for every app: roles enforced on the server (`modeladmin.py`), and the
optimistic lock that refuses the second of two saves of one object (`locking.py`, `EditVersion`)."""
