//! A network link between the application and its PostgreSQL server that a test
//! can cut and restore: a TCP proxy on a loopback port, forwarding every
//! connection to the server (over TCP or its Unix socket). Cutting it closes the
//! open connections and refuses new ones, as a lost network or a restarting
//! database would.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use sqlx::postgres::PgConnectOptions;
use tokio::io::{AsyncRead, AsyncWrite, copy_bidirectional};
use tokio::net::{TcpListener, TcpStream, UnixStream};
use tokio::task::JoinHandle;

pub(crate) struct Link {
    /// The database's URL through the link.
    pub(crate) url: String,
    up: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accepting: JoinHandle<()>,
}

impl Link {
    /// A link to the database `options` name.
    pub(crate) async fn to(options: &PgConnectOptions) -> Link {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let url = format!(
            "postgres://{}@127.0.0.1:{port}/{}",
            options.get_username(),
            options.get_database().unwrap_or("postgres")
        );
        let target = match options.get_socket() {
            Some(dir) => Target::Socket(dir.join(format!(".s.PGSQL.{}", options.get_port()))),
            None => Target::Tcp(format!("{}:{}", options.get_host(), options.get_port())),
        };
        let up = Arc::new(AtomicBool::new(true));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let accepting = tokio::spawn({
            let up = Arc::clone(&up);
            let connections = Arc::clone(&connections);
            async move {
                loop {
                    let Ok((client, _)) = listener.accept().await else {
                        return;
                    };
                    if !up.load(Ordering::SeqCst) {
                        drop(client);
                        continue;
                    }
                    let forwarding = tokio::spawn(forward(client, target.clone()));
                    connections.lock().unwrap().push(forwarding);
                }
            }
        });
        Link {
            url,
            up,
            connections,
            accepting,
        }
    }

    /// Closes every connection through the link and refuses new ones.
    pub(crate) fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    /// Lets connections through again.
    pub(crate) fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        self.accepting.abort();
        self.cut();
    }
}

#[derive(Clone)]
enum Target {
    Tcp(String),
    Socket(std::path::PathBuf),
}

async fn forward(mut client: TcpStream, target: Target) {
    match target {
        Target::Tcp(address) => {
            if let Ok(server) = TcpStream::connect(address).await {
                pipe(&mut client, server).await;
            }
        }
        Target::Socket(path) => {
            if let Ok(server) = UnixStream::connect(path).await {
                pipe(&mut client, server).await;
            }
        }
    }
}

async fn pipe(client: &mut TcpStream, mut server: impl AsyncRead + AsyncWrite + Unpin) {
    // Either side closing ends the connection; nothing to report.
    drop(copy_bidirectional(client, &mut server).await);
}
