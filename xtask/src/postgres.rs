//! A throwaway PostgreSQL server (Debian's `postgresql` package) for the server tests and the API
//! benchmark: a new cluster in a temporary folder, listening on a free loopback port only, trusted
//! local logins, durability off (it is thrown away). Stopped and deleted when dropped.

use std::path::PathBuf;
use std::process::Command;

use crate::process::{execute, output};

pub struct Throwaway {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

/// The newest installed PostgreSQL's programs (`/usr/lib/postgresql/<version>/bin`).
fn programs() -> Result<PathBuf, String> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "PostgreSQL is not installed (Debian package `postgresql`; `cargo xtask setup` installs it)".to_owned())?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| "no PostgreSQL server programs under /usr/lib/postgresql".to_owned())
}

/// PostgreSQL refuses to run as root: as root, its programs run as the package's `postgres` user.
fn as_server_user(program: PathBuf) -> Command {
    let root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

impl Throwaway {
    /// Creates and starts the cluster; waits until it takes connections.
    pub fn start() -> Result<Throwaway, String> {
        let bin = programs()?;
        let port = crate::server::free_port()?;
        let dir =
            std::env::temp_dir().join(format!("inkuru-postgres-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let root = output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
        if root {
            execute(Command::new("chown").arg("postgres").arg(&dir))?;
        }
        let data = dir.join("data");
        execute(
            as_server_user(bin.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args([
                    "-U",
                    "inkuru",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ])
                .stdout(std::process::Stdio::null()),
        )?;
        let settings = format!(
            "-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={} \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            dir.display()
        );
        let server = Throwaway { dir, bin, port };
        execute(
            as_server_user(server.bin.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(server.dir.join("server.log"))
                .args(["-o", &settings, "-w", "start"]),
        )?;
        Ok(server)
    }

    /// A URL for the cluster's default database, as the `inkuru` superuser.
    pub fn url(&self) -> String {
        self.url_for("postgres")
    }

    /// A URL for `database` on the cluster.
    pub fn url_for(&self, database: &str) -> String {
        format!("postgres://inkuru@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) -> Result<(), String> {
        execute(
            Command::new(self.bin.join("createdb"))
                .args([
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &self.port.to_string(),
                    "-U",
                    "inkuru",
                ])
                .arg(name),
        )
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        let _ = as_server_user(self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
