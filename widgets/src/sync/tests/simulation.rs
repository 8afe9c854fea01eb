//! The outbox against a model of the server's rules (versions with `If-Match`,
//! idempotency keys that answer a retry with the first answer) under random
//! interleavings: several clients editing the same resources, offline periods,
//! lost requests, lost answers, duplicated deliveries, server faults, conflicts
//! and rejections resolved by the user. Afterwards every client converges with
//! the server, no edit was applied twice, and none was lost unless the user
//! dropped it.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::super::*;

use super::model::{RESOURCES, Server, SetValue};

/// One edit the user made, and what became of it.
#[derive(Clone, Debug, Default)]
struct Edit {
    client: usize,
    resource: String,
    /// Every key it was sent under.
    keys: Vec<String>,
    /// The user dropped it (took the server's version, or discarded it).
    dropped: bool,
    /// The user fixed it after a rejection (it was queued anew).
    amended: bool,
}

struct Client {
    outbox: Outbox<SetValue>,
    /// What the client knows of the server: version and value per resource.
    cache: BTreeMap<String, (Version, i64)>,
    online: bool,
    /// Outbox number → edit.
    edits: BTreeMap<u64, usize>,
}

/// What the network does with one request.
#[derive(Clone, Copy, Debug)]
enum Fate {
    Delivered,
    RequestLost,
    AnswerLost,
    Duplicated,
    ServerFault,
}

#[derive(Clone, Debug)]
enum Step {
    Edit {
        client: usize,
        resource: usize,
        value: i64,
    },
    Send {
        client: usize,
    },
    Deliver {
        pick: usize,
        fate: Fate,
    },
    ToggleOnline {
        client: usize,
    },
    Wait {
        millis: u64,
    },
    Resolve {
        client: usize,
        keep_mine: bool,
    },
    FixOrDiscard {
        client: usize,
        fix: bool,
    },
    Pull {
        client: usize,
    },
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        6 => Just(Fate::Delivered),
        1 => Just(Fate::RequestLost),
        1 => Just(Fate::AnswerLost),
        1 => Just(Fate::Duplicated),
        1 => Just(Fate::ServerFault),
    ]
}

fn step(clients: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..clients, 0..RESOURCES.len(), -3_i64..100)
            .prop_map(|(client, resource, value)| Step::Edit { client, resource, value }),
        4 => (0..clients).prop_map(|client| Step::Send { client }),
        5 => (any::<usize>(), fate()).prop_map(|(pick, fate)| Step::Deliver { pick, fate }),
        1 => (0..clients).prop_map(|client| Step::ToggleOnline { client }),
        1 => (0_u64..90_000).prop_map(|millis| Step::Wait { millis }),
        1 => (0..clients, any::<bool>())
            .prop_map(|(client, keep_mine)| Step::Resolve { client, keep_mine }),
        1 => (0..clients, any::<bool>()).prop_map(|(client, fix)| Step::FixOrDiscard { client, fix }),
        1 => (0..clients).prop_map(|client| Step::Pull { client }),
    ]
}

struct World {
    server: Server,
    clients: Vec<Client>,
    edits: Vec<Edit>,
    /// Requests on the wire: client and the entry as sent.
    wire: Vec<(usize, Entry<SetValue>)>,
    now: Millis,
    keys: u64,
}

impl World {
    fn new(clients: usize) -> World {
        let server = Server::new();
        let cache = server.resources.clone();
        World {
            server,
            clients: (0..clients)
                .map(|_| Client {
                    outbox: Outbox::default(),
                    cache: cache.clone(),
                    online: true,
                    edits: BTreeMap::new(),
                })
                .collect(),
            edits: Vec::new(),
            wire: Vec::new(),
            now: 0,
            keys: 0,
        }
    }

    fn new_key(&mut self) -> String {
        self.keys += 1;
        format!("key-{}", self.keys)
    }

    fn run(&mut self, step: &Step) {
        match *step {
            Step::Edit {
                client,
                resource,
                value,
            } => {
                let resource = RESOURCES[resource];
                let key = self.new_key();
                let client_state = &mut self.clients[client];
                let if_match = client_state
                    .cache
                    .get(resource)
                    .map(|(version, _)| *version);
                let seq =
                    client_state
                        .outbox
                        .push(resource, if_match, key.clone(), SetValue(value));
                client_state.edits.insert(seq, self.edits.len());
                self.edits.push(Edit {
                    client,
                    resource: resource.to_owned(),
                    keys: vec![key],
                    ..Edit::default()
                });
            }
            Step::Send { client } => {
                let client_state = &mut self.clients[client];
                if client_state.online
                    && let Some(entry) = client_state.outbox.next_to_send(self.now)
                {
                    self.wire.push((client, entry));
                }
            }
            Step::Deliver { pick, fate } => {
                if self.wire.is_empty() {
                    return;
                }
                let (client, entry) = self.wire.remove(pick % self.wire.len());
                let outcome = match fate {
                    Fate::Delivered => self.server.handle(&entry),
                    Fate::RequestLost => Outcome::Lost,
                    Fate::AnswerLost => {
                        self.server.handle(&entry);
                        Outcome::Lost
                    }
                    Fate::Duplicated => {
                        self.server.handle(&entry);
                        self.server.handle(&entry)
                    }
                    Fate::ServerFault => Outcome::Retry { after: None },
                };
                self.answer(client, &entry, outcome);
            }
            Step::ToggleOnline { client } => {
                let client_state = &mut self.clients[client];
                client_state.online = !client_state.online;
            }
            Step::Wait { millis } => self.now += millis,
            Step::Resolve { client, keep_mine } => self.resolve(client, keep_mine),
            Step::FixOrDiscard { client, fix } => self.fix_or_discard(client, fix),
            Step::Pull { client } => self.pull(client),
        }
    }

    fn answer(&mut self, client: usize, entry: &Entry<SetValue>, outcome: Outcome) {
        let client_state = &mut self.clients[client];
        if let Some(done) = client_state
            .outbox
            .complete(entry.seq, outcome.clone(), self.now)
            && let Outcome::Applied {
                version: Some(version),
            } = outcome
        {
            let cached = client_state.cache.entry(done.resource.clone()).or_default();
            if version > cached.0 {
                *cached = (version, done.op.0);
            }
            client_state.edits.remove(&done.seq);
        }
    }

    fn resolve(&mut self, client: usize, keep_mine: bool) {
        let Some(seq) = self.clients[client]
            .outbox
            .entries()
            .iter()
            .find(|entry| matches!(entry.state, State::Conflict { .. }))
            .map(|entry| entry.seq)
        else {
            return;
        };
        let edit = self.clients[client].edits[&seq];
        if keep_mine {
            let key = self.new_key();
            assert!(self.clients[client].outbox.keep_mine(seq, key.clone()));
            self.edits[edit].keys.push(key);
        } else {
            assert!(self.clients[client].outbox.take_theirs(seq).is_some());
            self.clients[client].edits.remove(&seq);
            self.edits[edit].dropped = true;
        }
        // Choosing shows the server's version: the cache takes it.
        self.pull(client);
    }

    fn fix_or_discard(&mut self, client: usize, fix: bool) {
        let Some((seq, value)) = self.clients[client]
            .outbox
            .entries()
            .iter()
            .find(|entry| matches!(entry.state, State::Rejected { .. }))
            .map(|entry| (entry.seq, entry.op.0))
        else {
            return;
        };
        let edit = self.clients[client]
            .edits
            .remove(&seq)
            .expect("every entry has its edit");
        if fix {
            let key = self.new_key();
            let new_seq = self.clients[client]
                .outbox
                .amend(seq, SetValue(value.abs()), key.clone())
                .expect("a rejected entry can be amended");
            self.clients[client].edits.insert(new_seq, edit);
            self.edits[edit].keys.push(key);
            self.edits[edit].amended = true;
        } else {
            assert!(self.clients[client].outbox.discard(seq).is_some());
            self.edits[edit].dropped = true;
        }
    }

    /// The change feed: the client learns the server's current state.
    fn pull(&mut self, client: usize) {
        for (resource, current) in &self.server.resources {
            let cached = self.clients[client]
                .cache
                .entry(resource.clone())
                .or_default();
            if current.0 > cached.0 {
                *cached = *current;
            }
        }
    }

    /// Everyone online, no more faults: deliver, resolve and fix until nothing
    /// is left to do.
    fn settle(&mut self) {
        for client in &mut self.clients {
            client.online = true;
        }
        for round in 0.. {
            assert!(round < 10_000, "the outboxes never drained");
            while !self.wire.is_empty() {
                self.run(&Step::Deliver {
                    pick: 0,
                    fate: Fate::Delivered,
                });
            }
            let mut idle = true;
            for client in 0..self.clients.len() {
                self.resolve(client, true);
                self.fix_or_discard(client, true);
                if let Some(wake) = self.clients[client].outbox.next_wake() {
                    self.now = self.now.max(wake);
                }
                self.run(&Step::Send { client });
                idle &= self.clients[client].outbox.is_empty();
            }
            if idle && self.wire.is_empty() {
                break;
            }
        }
        for client in 0..self.clients.len() {
            self.pull(client);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_client_converges_and_every_edit_lands_once_or_is_dropped_by_its_user(
        clients in 1_usize..4,
        steps in prop::collection::vec(step(3), 0..160),
    ) {
        let mut world = World::new(clients);
        for step in steps.iter().filter(|step| match step {
            Step::Edit { client, .. }
            | Step::Send { client }
            | Step::ToggleOnline { client }
            | Step::Resolve { client, .. }
            | Step::FixOrDiscard { client, .. }
            | Step::Pull { client } => *client < clients,
            _ => true,
        }) {
            world.run(step);
        }
        world.settle();

        // Converged: every client knows exactly what the server has.
        for client in &world.clients {
            prop_assert!(client.outbox.is_empty());
            prop_assert_eq!(&client.cache, &world.server.resources);
        }
        // Nothing applied twice, nothing lost.
        let mut applications: BTreeMap<&str, usize> = BTreeMap::new();
        for key in &world.server.applied {
            *applications.entry(key.as_str()).or_default() += 1;
        }
        prop_assert!(applications.values().all(|count| *count == 1), "{:?}", applications);
        for edit in &world.edits {
            let landed = edit
                .keys
                .iter()
                .filter(|key| applications.contains_key(key.as_str()))
                .count();
            if edit.dropped {
                prop_assert_eq!(landed, 0, "{:?}", edit);
            } else {
                prop_assert_eq!(landed, 1, "{:?}", edit);
            }
        }
        // Each client's edits of one resource reached the server in the order
        // they were made (a fixed rejection is a new edit at the end).
        let position: BTreeMap<&str, usize> = world
            .server
            .applied
            .iter()
            .enumerate()
            .map(|(index, key)| (key.as_str(), index))
            .collect();
        for client in 0..clients {
            for resource in RESOURCES {
                let landed: Vec<usize> = world
                    .edits
                    .iter()
                    .filter(|edit| edit.client == client && edit.resource == resource && !edit.amended)
                    .filter_map(|edit| edit.keys.iter().find_map(|key| position.get(key.as_str()).copied()))
                    .collect();
                prop_assert!(landed.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", landed);
            }
        }
    }
}
