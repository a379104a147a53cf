"""Web views of the migration app (server-rendered; every write through the services)."""
