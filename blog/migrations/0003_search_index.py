"""The full-text index behind search. SQLite: an FTS5 table kept in step with SearchDocument by
triggers. PostgreSQL needs nothing here: it searches the table itself (blog/search/postgres.py)."""

from django.db import migrations

FTS = "blog_search_fts"
CREATE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, text, content='blog_searchdocument', content_rowid='id',"
    " tokenize='porter unicode61')",
    f"""CREATE TRIGGER blog_search_after_insert AFTER INSERT ON blog_searchdocument BEGIN
        INSERT INTO {FTS}(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    f"""CREATE TRIGGER blog_search_after_delete AFTER DELETE ON blog_searchdocument BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    f"""CREATE TRIGGER blog_search_after_update AFTER UPDATE ON blog_searchdocument BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO {FTS}(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS blog_search_after_insert",
    "DROP TRIGGER IF EXISTS blog_search_after_delete",
    "DROP TRIGGER IF EXISTS blog_search_after_update",
    f"DROP TABLE IF EXISTS {FTS}",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("blog", "0002_search_document")]
    operations = [migrations.RunPython(run(CREATE), run(DROP))]
