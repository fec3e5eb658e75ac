//! Online backups of the SQLite database: `VACUUM INTO` writes a consistent, compacted
//! copy while readers and writers carry on. PostgreSQL has its own tools (pg_dump).

use std::path::Path;

use diesel::connection::SimpleConnection;

use super::DbConn;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists already; choose a new file so no backup is overwritten")]
    Exists(String),
    #[error("backups of PostgreSQL are taken with pg_dump (see the README), not by this command")]
    Postgres,
    #[error("backup failed: {0}")]
    Failed(String),
}

pub fn to_file(conn: &mut DbConn, file: &Path) -> Result<(), BackupError> {
    let DbConn::Sqlite(c) = conn else {
        return Err(BackupError::Postgres);
    };
    if file.exists() {
        return Err(BackupError::Exists(file.display().to_string()));
    }
    let path = file
        .to_str()
        .ok_or_else(|| BackupError::Failed("the file name is not UTF-8".into()))?;
    // A quoted SQL string literal: single quotes doubled.
    c.batch_execute(&format!("VACUUM INTO '{}'", path.replace('\'', "''")))
        .map_err(|e| BackupError::Failed(e.to_string()))
}
