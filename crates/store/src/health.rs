//! Can this database take a write right now? Readiness asks without writing anything:
//! on SQLite whether the database file and its WAL can be opened for writing (a disk
//! remounted read-only, a file made immutable or handed to another owner all say no);
//! on PostgreSQL whether the session would be read-only (a standby, or a server put
//! into `default_transaction_read_only`).

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::DbConn;

#[derive(QueryableByName)]
struct DatabaseFile {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    file: String,
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    transaction_read_only: String,
}

pub fn writable(conn: &mut DbConn) -> Result<(), String> {
    match conn {
        DbConn::Sqlite(c) => {
            let files = diesel::sql_query("SELECT name, file FROM pragma_database_list")
                .load::<DatabaseFile>(c)
                .map_err(|e| e.to_string())?;
            for f in files
                .iter()
                .filter(|f| f.name == "main" && !f.file.is_empty())
            {
                for path in [f.file.clone(), format!("{}-wal", f.file)] {
                    let exists = std::path::Path::new(&path).exists();
                    if exists {
                        std::fs::OpenOptions::new()
                            .write(true)
                            .open(&path)
                            .map_err(|e| format!("{path} cannot be written: {e}"))?;
                    }
                }
            }
            Ok(())
        }
        DbConn::Pg(c) => {
            let s = diesel::sql_query("SHOW transaction_read_only")
                .get_result::<Setting>(c)
                .map_err(|e| e.to_string())?;
            if s.transaction_read_only == "off" {
                Ok(())
            } else {
                Err("the PostgreSQL server only accepts reads".into())
            }
        }
    }
}
