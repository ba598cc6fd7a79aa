"""Bulk inserts straight through the database driver.

``DriverInsert`` sends many rows with the driver's executemany. The values are converted by
the columns' own SQLAlchemy bind processors, so what is stored is exactly what the ORM
would store (UTC datetimes, JSON), but the SQL compiler, which costs more per row than
SQLite spends inserting it, is skipped. For hot paths only (event ingest).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

if TYPE_CHECKING:
    from sqlalchemy.sql.type_api import _BindProcessorType

Prepared = tuple[str, list[tuple[int, "_BindProcessorType[Any]"]]]


class DriverInsert:
    def __init__(
        self, table: Table, columns: Sequence[str], *, skip_conflicts: bool = False
    ) -> None:
        """``skip_conflicts``: a row that breaks a unique constraint is left out (ON CONFLICT
        DO NOTHING) and ``run`` reports how many rows were really inserted."""
        self.table, self.columns, self.skip_conflicts = table, tuple(columns), skip_conflicts
        self._prepared: dict[str, Prepared] = {}

    def prepare(self, dialect: Dialect) -> Prepared:
        found = self._prepared.get(dialect.name)
        if found is None:
            quote = dialect.identifier_preparer.quote
            mark = "?" if dialect.paramstyle == "qmark" else "%s"
            sql = (
                f"INSERT INTO {quote(self.table.name)} "  # noqa: S608 - names from our metadata
                f"({', '.join(quote(c) for c in self.columns)}) "
                f"VALUES ({', '.join([mark] * len(self.columns))})"
                + (" ON CONFLICT DO NOTHING" if self.skip_conflicts else "")
            )
            processors = [
                (i, p)
                for i, c in enumerate(self.columns)
                if (p := self.table.c[c].type._cached_bind_processor(dialect)) is not None
            ]
            found = self._prepared[dialect.name] = (sql, processors)
        return found

    async def run(self, conn: AsyncConnection, rows: Sequence[tuple[Any, ...]]) -> int:
        """Insert ``rows``, each a tuple in ``columns`` order; returns how many went in."""
        if not rows:
            return 0
        sql, processors = self.prepare(conn.dialect)
        if processors:
            converted = []
            for row in rows:
                values = list(row)
                for i, process in processors:
                    values[i] = process(values[i])
                converted.append(tuple(values))
            rows = converted
        result = await conn.exec_driver_sql(sql, list(rows))
        return int(result.rowcount)
