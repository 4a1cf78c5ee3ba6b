// The reliability suite runs on a real PostgreSQL server, never the embedded database: it cuts connections, holds
// locks past statement timeouts, provokes deadlocks and names databases that do not exist — behaviour PGlite does
// not have. TEST_DATABASE_URL's server, else the local one (as scratch-database.ts).
process.env.TEST_DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/postgres";
