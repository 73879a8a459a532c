"""Django's Redis cache, keeping one client per connection pool, without memcached's key checks.

Django's client builds a new redis.Redis for every cache call, and redis-py's constructor fills
a table of some 170 response callbacks each time: 0.26 ms of CPU per call here, two calls per
page-cache hit, more than the hit's own work. A redis.Redis is safe to share between threads
(it takes a connection from its pool per command), so each pool gets one, made once.
"""

import pickle

from django.core.cache.backends import redis


class PickleFirstSerializer(redis.RedisSerializer):
    """Django's format (integers as digits, everything else pickled), read without trying int()
    first: the page cache's tokens are floats, so each of a hit's eight or so raised and caught
    a ValueError. Pickles start with the PROTO opcode (protocol 2 and up, Django writes the highest)."""

    def loads(self, data):
        return pickle.loads(data) if data[:1] == b"\x80" else int(data)


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        if type(self._serializer) is redis.RedisSerializer and self._serializer.protocol >= 2:
            self._serializer = PickleFirstSerializer(self._serializer.protocol)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def validate_key(self, key):
        """Django warns of keys memcached would refuse (long, spaces, control characters); Redis
        takes any, and the check cost 8 % of a page-cache hit (it runs for every token)."""
