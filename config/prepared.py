"""Queries the ORM builds and compiles once per process, then runs with each request's values.

Building a queryset and compiling it to SQL costs 0.3-0.7 ms here, five to ten times what
SQLite takes to answer it: on a cold page that is most of the budget. A reader's page asks the
same few questions with other values (this slug, this moment), so each is written once as an
ORM queryset (the publication rule stays `published()`'s) and compiled once per connection;
a call puts its values where the compilation put stand-ins for them.

A value must reach the SQL as a parameter of its own (an exact lookup, `in`, a comparison), not
inside another (`icontains` wraps it in %...%) or the SQL text (a slice's bounds): compiling
finds each stand-in among the parameters and refuses a query where one is missing. Values that
change the SQL's shape get a compilation of their own: the length of a list for `in`, and the
values named in `shape` (a page's offset), passed to `build` as they are.
"""

import collections
import datetime
import itertools
import weakref
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

ALWAYS_EMPTY = object()
# Compilations kept per query and connection; past this many shapes they start again.
MAX_SHAPES = 256


class NotPreparable(Exception):
    """The queryset does not take this value as a parameter of its own (see the module's note)."""


class PreparedQuery:
    """`build(**values)` returns a values_list() queryset, or (sql, params) for SQL the ORM cannot
    write; calling this runs it: a list of rows, named by the queryset's fields if it names them."""

    def __init__(self, build: Callable[..., QuerySet], *, shape: tuple[str, ...] = (), row=None):
        self.build = build
        self.shape = shape
        self.row = row  # a NamedTuple class for the rows (methods of their own), its fields the queryset's
        # Per connection (one per thread and database), so a compiler never runs on another's.
        self.compiled = weakref.WeakKeyDictionary()

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        connection = connections[using]
        shape = tuple(sorted((name, value if name in self.shape else len(value) if isinstance(value, list | tuple)
                              else None) for name, value in values.items()))  # fmt: skip
        by_shape = self.compiled.setdefault(connection, {})
        if shape not in by_shape:
            if len(by_shape) >= MAX_SHAPES:  # a crawler walking every page of a long list
                by_shape.clear()
            by_shape[shape] = self.compile(connection, using, values)
        if by_shape[shape] is ALWAYS_EMPTY:
            return []
        sql, params, slots, reading = by_shape[shape]
        params = list(params)
        for index, name, position in slots:
            value = values[name] if position is None else values[name][position]
            params[index] = db_value(value, connection)
        with connection.cursor() as cursor:  # Django's: queries are logged and counted as any
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return reading.rows(rows, connection)

    def compile(self, connection, using: str, values: dict) -> tuple:
        counter = itertools.count(1)
        stand_ins = {name: ([stand_in(item, next(counter)) for item in value]
                            if isinstance(value, list | tuple) else stand_in(value, next(counter)))
                     for name, value in values.items() if name not in self.shape}  # fmt: skip
        built = self.build(**stand_ins, **{name: values[name] for name in self.shape})
        if isinstance(built, QuerySet):
            queryset = built.using(using)
            compiler = queryset.query.get_compiler(using=using)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:  # `in ()` with nothing else: the ORM answers nothing without SQL
                return ALWAYS_EMPTY
            reading = Reading.of(compiler, self.row or (collections.namedtuple("Row", queryset._fields)
                                                         if queryset._fields else None))  # fmt: skip
        else:
            sql, params = built
            reading = Reading(self.row)
        slots = []
        for name, value in stand_ins.items():
            for position, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
                found = [index for index, param in enumerate(params) if param == db_value(item, connection)]
                if not found:
                    raise NotPreparable(f"{name} does not reach the SQL of {self.build} as a parameter")
                slots += [(index, name, position) for index in found]
        return sql, params, slots, reading


class Reading:
    """How a compiled query's rows become values, worked out once: the ORM's converters for its
    columns (as `results_iter` would apply them on every call, after finding them again), the
    columns it selected only to order by, and the rows' names."""

    def __init__(self, row=None, converters=(), width=None):
        self.row, self.converters, self.width = row, converters, width

    @classmethod
    def of(cls, compiler, row):
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise NotPreparable("composite fields are read by the ORM's own iterator")
        width = compiler.col_count if compiler.has_extra_select else None
        return cls(row, list(compiler.get_converters(fields).items()), width)

    def rows(self, rows, connection) -> list:
        if self.width is not None:
            rows = [item[: self.width] for item in rows]
        if self.converters:
            rows = [self.convert(list(item), connection) for item in rows]
        return [self.row._make(item) for item in rows] if self.row else rows

    def convert(self, item: list, connection) -> tuple:
        for position, (converters, expression) in self.converters:
            value = item[position]
            for converter in converters:
                value = converter(value, expression, connection)
            item[position] = value
        return tuple(item)


# A stand-in no real value equals: strings in the private-use area, datetimes in the year 1001.
def stand_in(value, number: int):
    if isinstance(value, bool):
        raise NotPreparable("a boolean cannot be told apart from other parameters")
    if isinstance(value, str):
        return f"\ue002stand-in {number}\ue002"
    if isinstance(value, int):
        return -(2**30) - number  # within every integer column's range
    if isinstance(value, datetime.datetime):
        return datetime.datetime(1001, 1, 1, microsecond=number, tzinfo=datetime.UTC)
    raise NotPreparable(f"no stand-in for a {type(value).__name__}")


def db_value(value, connection):
    """The value as the ORM hands it to the database (SQLite takes datetimes as UTC text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value
