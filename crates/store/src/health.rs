//! Can this database take a write right now? Readiness asks without writing anything:
//! on SQLite whether the database file and its WAL can be opened for writing (a disk
//! remounted read-only, a file made immutable or handed to another owner all say no);
//! on PostgreSQL whether the session would be read-only (a standby, or a server put
//! into `default_transaction_read_only`). A full disk passes these, so readiness also asks
//! how the last write ended (`pool::WriteHealth`), and the metrics show the disk's free space.

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

/// The main database's file, on SQLite (none in memory, nor on PostgreSQL).
fn database_file(conn: &mut DbConn) -> Result<Option<String>, String> {
    match conn {
        DbConn::Sqlite(c) => {
            let files = diesel::sql_query("SELECT name, file FROM pragma_database_list")
                .load::<DatabaseFile>(c)
                .map_err(|e| e.to_string())?;
            Ok(files
                .into_iter()
                .find(|f| f.name == "main" && !f.file.is_empty())
                .map(|f| f.file))
        }
        DbConn::Pg(_) => Ok(None),
    }
}

/// Bytes free for this process on the disk that holds the SQLite database (`statvfs`),
/// for the metrics: `None` on PostgreSQL, whose disk is the server's.
pub fn disk_free_bytes(conn: &mut DbConn) -> Option<u64> {
    let file = database_file(conn).ok()??;
    let vfs = rustix::fs::statvfs(file.as_str()).ok()?;
    Some(vfs.f_bavail.saturating_mul(vfs.f_frsize))
}

pub fn writable(conn: &mut DbConn) -> Result<(), String> {
    match conn {
        DbConn::Sqlite(_) => {
            if let Some(file) = database_file(conn)? {
                for path in [file.clone(), format!("{file}-wal")] {
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
