//! `cargo xtask demo`: build the bundle and api-stub, then serve host-demo/ with seeded
//! demo data on http://127.0.0.1:<port>/ until Ctrl-C.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{ExitCode, Stdio};

use anyhow::{Context, Result, bail};

use crate::bundle::{self, BuildOptions};
use crate::seed::{self, SeedOptions};
use crate::workspace::Workspace;
use crate::{install, process};

const LISTENING: &str = "api-stub listening on ";

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DemoOptions {
    pub(crate) port: u16,
    /// Start from a freshly seeded database.
    pub(crate) reset: bool,
}

impl Default for DemoOptions {
    fn default() -> DemoOptions {
        DemoOptions {
            port: 8080,
            reset: false,
        }
    }
}

pub(crate) fn run(workspace: &Workspace, options: &DemoOptions) -> Result<ExitCode> {
    // Checked before the builds too, so a taken port does not cost minutes to find out.
    ensure_port_free(options.port)?;
    install::ensure_build_tools(workspace)?;
    bundle::build(workspace, &BuildOptions::default())?;
    process::run(process::cargo(&workspace.root).args(["build", "-p", "api-stub"]))?;

    let database = seed::demo_database(workspace);
    if options.reset {
        seed::remove_database(&database)?;
    }
    if !database.exists() {
        // The story plus some older history, as `cargo xtask seed` writes it.
        let history = SeedOptions {
            inquiries: seed::DEMO_HISTORY,
            members: 0,
            years: 2,
            database: Some(database.clone()),
        };
        seed::seed(&workspace.api_stub_bin(), workspace, &database, &history)?;
    }
    ensure_port_free(options.port)?;

    let mut command = process::command(workspace.api_stub_bin(), &workspace.root);
    command
        .arg("--addr")
        .arg(format!("127.0.0.1:{}", options.port))
        .arg("--database-url")
        .arg(format!("sqlite://{}", database.display()))
        .arg("--host-demo-dir")
        .arg(workspace.root.join("host-demo"))
        .arg("--dist-dir")
        .arg(workspace.dist_dir());
    println!("$ {}", process::describe(&command));
    let mut server = command
        .stdout(Stdio::piped())
        .spawn()
        .context("could not start api-stub")?;
    let stdout = server
        .stdout
        .take()
        .context("api-stub's stdout was not captured")?;
    let mut reader = BufReader::new(stdout);

    let mut listening = false;
    let mut line = Vec::new();
    while !listening {
        line.clear();
        if reader
            .read_until(b'\n', &mut line)
            .context("reading api-stub's output")?
            == 0
        {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        print!("{text}");
        if let Some(address) = text.trim_end().strip_prefix(LISTENING) {
            print_banner(address.trim_end_matches('/'), &database);
            listening = true;
        }
    }
    if !listening {
        let status = server.wait().context("waiting for api-stub")?;
        bail!(
            "api-stub exited ({status}) before it was listening; if it says the address is in \
             use, port {} is taken: choose another with `cargo xtask demo --port N`",
            options.port
        );
    }
    // Keep forwarding the server's log until it exits (Ctrl-C reaches it directly: it is
    // in the terminal's foreground process group).
    let forward = std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::stdout()));
    let status = server.wait().context("waiting for api-stub")?;
    forward
        .join()
        .map_err(|_| anyhow::anyhow!("forwarding api-stub's output panicked"))?
        .context("forwarding api-stub's output")?;
    println!("api-stub exited ({status})");
    let code = status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(1);
    Ok(ExitCode::from(code))
}

fn ensure_port_free(port: u16) -> Result<()> {
    match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(listener) => {
            drop(listener);
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => bail!(
            "port {port} on 127.0.0.1 is already in use (another demo still running?); stop that \
             or choose another with `cargo xtask demo --port N`"
        ),
        Err(error) => Err(error).with_context(|| format!("cannot listen on 127.0.0.1:{port}")),
    }
}

fn print_banner(address: &str, database: &Path) {
    let mut stdout = std::io::stdout().lock();
    let banner = format!(
        "\n\
         ============================================================\n\
         \x20 CRM widgets demo is running: {address}/\n\
         \n\
         \x20 You are sales rep Li Wei of Ningbo Brightway Lighting; switch user\n\
         \x20 with \"Signed in as\" and language with EN / 中文 in the page.\n\
         \x20 API tokens for curl: demo-brightway-rep, demo-brightway-manager,\n\
         \x20 demo-evergreen-owner, … (api-stub/src/seed/people.rs).\n\
         \x20 Data: {}  (`--reset` starts over; more data: `cargo xtask seed`)\n\
         \x20 Stop with Ctrl-C.\n\
         ============================================================\n",
        database.display()
    );
    // A closed stdout only loses the banner; the server keeps running and logging.
    if let Err(error) = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("could not print the demo banner: {error}");
    }
}
