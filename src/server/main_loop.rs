//! The transport and the event loop: the `initialize` handshake over the
//! connection (stdio for `pilint server`, in memory for tests and the
//! benchmark), then one thread that reads the client's messages, answers
//! requests from the last analyses, and schedules checks.
//!
//! Checks run on threads of their own, at most one per document: an edit
//! only marks the document due (after the debounce), and a result for a
//! version the editor has already replaced is dropped. The loop therefore
//! never waits for a check, however large the file.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeLensOptions, CodeLensParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, ExecuteCommandOptions,
    ExecuteCommandParams, FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability,
    InitializeParams, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    ResourceOperationKind, SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;

use super::ServerOptions;
use super::check::{self, Analysis, Job};
use super::code_actions::{self, ConfigTarget, ConfigText, EditSupport};
use super::code_lens;
use super::configuration::{self, Configuration};
use super::documents::Documents;
use super::hover;
use super::position::Encoding;
use super::workspace::{self, ByUri};
use crate::settings::ConfigSource;
use crate::source::SourceFile;

/// Runs the server on `connection` until the client shuts it down.
pub fn serve(connection: &Connection, options: ServerOptions) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let mut server = Server::new(&params, options);
    let result = serde_json::json!({
        "capabilities": server.capabilities(),
        "serverInfo": ServerInfo {
            name: "pilint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        },
    });
    // lsp-server waits for `initialized` here, so what follows it is done
    // now rather than in the loop.
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;
    server.register_watchers();
    server.run(connection)
}

/// A finished check: the document and what was found.
type Checked = (Uri, Analysis);

struct Server {
    options: ServerOptions,
    encoding: Encoding,
    documents: Documents,
    configuration: Configuration,
    folders: Vec<PathBuf>,
    edit_support: EditSupport,
    code_lens_refresh: bool,
    watch_dynamically: bool,
    /// Whether `pilint.scoreBreakdown` also shows its text as a message
    /// (an extension that shows it itself turns this off).
    breakdown_message: bool,
    checked: (Sender<Checked>, Receiver<Checked>),
    workspace_done: (Sender<ByUri>, Receiver<ByUri>),
    workspace_due: Option<Instant>,
    workspace_running: bool,
    /// The cross-file diagnostics published last, by file.
    cross: ByUri,
    outgoing: Vec<Message>,
    next_request: u64,
}

impl Server {
    fn new(params: &InitializeParams, options: ServerOptions) -> Server {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = capabilities.workspace.as_ref();
        let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let edit_support = EditSupport {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
        };
        let folders = workspace_folders(params);
        let breakdown_message = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("scoreBreakdownMessage"))
            .and_then(Value::as_bool)
            .unwrap_or(true);
        Server {
            configuration: Configuration::new(options.config.clone(), options.cli.clone()),
            options,
            encoding,
            documents: Documents::default(),
            folders,
            edit_support,
            code_lens_refresh: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            watch_dynamically: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            breakdown_message,
            checked: crossbeam_channel::unbounded(),
            workspace_done: crossbeam_channel::unbounded(),
            workspace_due: None,
            workspace_running: false,
            cross: ByUri::new(),
            outgoing: Vec::new(),
            next_request: 0,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![code_lens::COMMAND.to_owned()],
                ..ExecuteCommandOptions::default()
            }),
            ..ServerCapabilities::default()
        }
    }

    fn run(&mut self, connection: &Connection) -> Result<(), String> {
        // No deadline: wake up at least this often anyway.
        const IDLE: Duration = Duration::from_secs(3600);
        let checked = self.checked.1.clone();
        let workspace_done = self.workspace_done.1.clone();
        loop {
            // What the last turn (or the handshake) has to say goes first.
            for message in self.outgoing.drain(..) {
                connection
                    .sender
                    .send(message)
                    .map_err(|e| format!("cannot write to the client: {e}"))?;
            }
            let timeout = self
                .next_deadline()
                .map_or(IDLE, |d| d.saturating_duration_since(Instant::now()));
            select! {
                recv(connection.receiver) -> message => {
                    let Ok(message) = message else {
                        return Err("the client closed the connection without `exit`".to_owned());
                    };
                    if let Message::Request(request) = &message
                        && connection.handle_shutdown(request).map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.handle(message)?;
                }
                recv(checked) -> done => {
                    if let Ok((uri, analysis)) = done {
                        self.on_checked(uri, analysis);
                    }
                }
                recv(workspace_done) -> done => {
                    if let Ok(by_uri) = done {
                        self.on_workspace(by_uri);
                    }
                }
                default(timeout) => {}
            }
            self.start_due();
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let documents = self
            .documents
            .iter()
            .filter(|d| !d.in_flight)
            .filter_map(|d| d.due);
        let workspace = self.workspace_due.filter(|_| !self.workspace_running);
        documents.chain(workspace).min()
    }

    fn handle(&mut self, message: Message) -> Result<(), String> {
        match message {
            Message::Request(request) => {
                let response = self.request(request);
                self.outgoing.push(response.into());
            }
            Message::Notification(notification) => return self.notification(notification),
            // Answers to our registrations and refreshes: nothing to do.
            Message::Response(_) => {}
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            lsp_types::request::HoverRequest::METHOD => {
                parse::<HoverParams>(request).map(|params| self.hover(params))
            }
            lsp_types::request::CodeLensRequest::METHOD => {
                parse::<CodeLensParams>(request).map(|params| self.code_lens(params))
            }
            lsp_types::request::CodeActionRequest::METHOD => {
                parse::<CodeActionParams>(request).map(|params| self.code_actions(params))
            }
            lsp_types::request::ExecuteCommand::METHOD => {
                parse::<ExecuteCommandParams>(request).and_then(|params| self.execute(params))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("pilint does not answer {method}"),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn notification(&mut self, notification: Notification) -> Result<(), String> {
        use lsp_types::notification as n;
        let method = notification.method.clone();
        let params = notification.params;
        let now = Instant::now();
        match method.as_str() {
            n::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    let document = p.text_document;
                    // Opening a file reads its configuration afresh.
                    self.configuration.reload();
                    self.documents
                        .open(document.uri.clone(), document.version, document.text);
                    self.schedule(&document.uri, now);
                }
            }
            n::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    if let Err(reason) = self.documents.change(
                        &uri,
                        p.text_document.version,
                        p.content_changes,
                        self.encoding,
                    ) {
                        self.log(MessageType::WARNING, reason);
                    }
                    self.schedule(&uri, now + self.options.debounce);
                }
            }
            n::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    let is_config = super::uri::to_path(&uri)
                        .is_some_and(|p| configuration::is_config_file(&p));
                    self.configuration.reload();
                    if is_config {
                        self.recheck_all(now);
                    } else {
                        self.schedule(&uri, now);
                    }
                    self.workspace_due = Some(now + self.options.workspace_debounce);
                }
            }
            n::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                    let uri = p.text_document.uri;
                    if let Some(closed) = self.documents.close(&uri) {
                        let large = closed.source.text.len() > LARGE;
                        drop_aside(closed, large);
                    }
                    self.publish(&uri);
                }
            }
            n::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(params)
                    && p.changes.iter().any(|change| {
                        super::uri::to_path(&change.uri)
                            .is_some_and(|p| configuration::is_config_file(&p))
                    })
                {
                    self.configuration.reload();
                    self.recheck_all(now);
                    self.workspace_due = Some(now + self.options.workspace_debounce);
                }
            }
            n::Exit::METHOD => return Err("`exit` before `shutdown`".to_owned()),
            _ => {}
        }
        Ok(())
    }

    /// Marks a document due at `at` (a later edit moves it later: the
    /// debounce), unless it is a configuration file, never checked.
    fn schedule(&mut self, uri: &Uri, at: Instant) {
        if let Some(document) = self.documents.get_mut(uri)
            && !document
                .path
                .as_deref()
                .is_some_and(configuration::is_config_file)
        {
            document.due = Some(at);
        }
    }

    fn recheck_all(&mut self, at: Instant) {
        let uris: Vec<Uri> = self.documents.iter().map(|d| d.uri.clone()).collect();
        for uri in uris {
            self.schedule(&uri, at);
        }
    }

    /// Starts every check that is due and not already running, and the
    /// workspace run.
    fn start_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .documents
            .iter()
            .filter(|d| !d.in_flight && d.due.is_some_and(|at| at <= now))
            .map(|d| d.uri.clone())
            .collect();
        for uri in due {
            let Some(document) = self.documents.get_mut(&uri) else {
                continue;
            };
            document.due = None;
            document.in_flight = true;
            let source = Arc::clone(&document.source);
            let version = document.version;
            let settings = self.configuration.settings(&source.name);
            let job = Job {
                uri: uri.clone(),
                version,
                source,
                settings,
                max_file_size: self.options.max_file_size,
                encoding: self.encoding,
            };
            let sender = self.checked.0.clone();
            let encoding = self.encoding;
            spawn("pilint-check", move || {
                let analysis =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check::run(job)))
                        .unwrap_or_else(|_| check::failed(&uri, version, encoding));
                let _ = sender.send((uri, analysis));
            });
        }
        if self.workspace_due.is_some_and(|at| at <= now) && !self.workspace_running {
            self.workspace_due = None;
            if self.folders.is_empty() {
                return;
            }
            self.workspace_running = true;
            let request = workspace::Request {
                folders: self.folders.clone(),
                config: self.configuration.source().clone(),
                cli: self.configuration.cli().clone(),
                max_file_size: self.options.max_file_size,
                encoding: self.encoding,
                open: self
                    .documents
                    .iter()
                    .filter_map(|d| Some((d.path.clone()?, d.uri.clone())))
                    .collect(),
            };
            let sender = self.workspace_done.0.clone();
            spawn("pilint-workspace", move || {
                let by_uri = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    workspace::run(&request)
                }))
                .unwrap_or_default();
                let _ = sender.send(by_uri);
            });
        }
    }

    fn on_checked(&mut self, uri: Uri, analysis: Analysis) {
        let Some(document) = self.documents.get_mut(&uri) else {
            // Closed meanwhile: dropped with it.
            return;
        };
        document.in_flight = false;
        if analysis.version != document.version {
            // Superseded: the newer version is due (or running) already.
            return;
        }
        if let Some(old) = document.analysis.replace(Arc::new(analysis)) {
            let large = old.text_len() > LARGE;
            drop_aside(old, large);
        }
        self.publish(&uri);
        if self.code_lens_refresh {
            self.send_request(lsp_types::request::CodeLensRefresh::METHOD, Value::Null);
        }
    }

    fn on_workspace(&mut self, by_uri: ByUri) {
        self.workspace_running = false;
        let old = std::mem::replace(&mut self.cross, by_uri);
        let mut concerned: Vec<String> = old.into_keys().collect();
        concerned.extend(self.cross.keys().cloned());
        concerned.sort();
        concerned.dedup();
        for uri in concerned.iter().filter_map(|u| u.parse::<Uri>().ok()) {
            self.publish(&uri);
        }
    }

    /// Publishes everything known about `uri`: the open document's own
    /// findings and the cross-file ones. An empty list clears it.
    fn publish(&mut self, uri: &Uri) {
        let document = self.documents.get(uri);
        let mut diagnostics: Vec<lsp_types::Diagnostic> = document
            .and_then(|d| d.current())
            .map(|a| a.diagnostics.clone())
            .unwrap_or_default();
        diagnostics.extend(self.cross.get(uri.as_str()).into_iter().flatten().cloned());
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: document.map(|d| d.version),
        };
        self.outgoing.push(
            Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_owned(),
                params,
            )
            .into(),
        );
    }

    fn hover(&self, params: HoverParams) -> Value {
        let at = params.text_document_position_params;
        let found = self
            .documents
            .get(&at.text_document.uri)
            .and_then(|d| d.analysis.as_ref())
            .and_then(|a| hover::hover(a, at.position));
        serde_json::to_value(found).unwrap_or(Value::Null)
    }

    fn code_lens(&self, params: CodeLensParams) -> Value {
        let uri = params.text_document.uri;
        let lenses = self
            .documents
            .get(&uri)
            .and_then(|d| d.analysis.as_ref())
            .map(|a| code_lens::lenses(&uri, a))
            .unwrap_or_default();
        serde_json::to_value(lenses).unwrap_or(Value::Null)
    }

    fn code_actions(&self, params: CodeActionParams) -> Value {
        let uri = params.text_document.uri;
        // Only from the analysis of the text the editor shows: an edit
        // computed on an older text would land in the wrong place.
        let Some(document) = self.documents.get(&uri) else {
            return Value::Array(Vec::new());
        };
        let Some(analysis) = document.current() else {
            return Value::Array(Vec::new());
        };
        let request = code_actions::Request {
            uri: &uri,
            path: document.path.as_deref(),
            analysis,
            range: params.range,
            config: self.config_target(analysis, document.path.as_deref()),
            support: self.edit_support,
        };
        serde_json::to_value(code_actions::actions(&request)).unwrap_or(Value::Null)
    }

    /// The configuration file a suppression goes to: the one that applies,
    /// else a new `pilint.toml` in the workspace folder holding the file
    /// (or the file's directory).
    fn config_target(
        &self,
        analysis: &Analysis,
        path: Option<&std::path::Path>,
    ) -> Option<ConfigTarget> {
        let path = match (&analysis.config_path, self.configuration.source()) {
            (Some(config), _) => std::path::absolute(config).ok()?,
            (None, ConfigSource::Discover) => {
                let file = path?;
                let folder = self
                    .folders
                    .iter()
                    .filter(|f| file.starts_with(f))
                    .max_by_key(|f| f.components().count())
                    .cloned()
                    .or_else(|| file.parent().map(PathBuf::from))?;
                folder.join(crate::config::FILE_NAMES[0])
            }
            (None, _) => return None,
        };
        let existing = match self.documents.of_path(&path) {
            Some(d) => Some(ConfigText {
                text: SourceFile::from_text(d.source.name.clone(), d.source.text.clone()),
                open: Some((d.uri.clone(), d.version)),
            }),
            None => std::fs::read_to_string(&path).ok().map(|text| ConfigText {
                text: SourceFile::from_text(path.to_string_lossy(), text),
                open: None,
            }),
        };
        Some(ConfigTarget { path, existing })
    }

    fn execute(&mut self, params: ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        if params.command != code_lens::COMMAND {
            return Err((
                ErrorCode::InvalidParams,
                format!("unknown command {}", params.command),
            ));
        }
        let uri = params
            .arguments
            .first()
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Uri>().ok())
            .ok_or((
                ErrorCode::InvalidParams,
                "expected a document URI".to_owned(),
            ))?;
        let report = self
            .documents
            .get(&uri)
            .and_then(|d| d.analysis.as_ref())
            .and_then(|a| a.report.as_ref())
            .ok_or((
                ErrorCode::InvalidParams,
                format!("{} is not open or not checked yet", uri.as_str()),
            ))?;
        let text = code_lens::breakdown_text(report);
        if self.breakdown_message {
            self.outgoing.push(
                Notification::new(
                    lsp_types::notification::ShowMessage::METHOD.to_owned(),
                    ShowMessageParams {
                        typ: MessageType::INFO,
                        message: text.clone(),
                    },
                )
                .into(),
            );
        }
        Ok(Value::String(text))
    }

    /// Asks the client to tell us when a configuration file changes.
    fn register_watchers(&mut self) {
        if !self.watch_dynamically {
            return;
        }
        let watchers = configuration::watch_patterns()
            .into_iter()
            .map(|pattern| FileSystemWatcher {
                glob_pattern: GlobPattern::String(pattern),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "pilint-config-watch".to_owned(),
            method: lsp_types::notification::DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let params = RegistrationParams {
            registrations: vec![registration],
        };
        self.send_request(
            lsp_types::request::RegisterCapability::METHOD,
            serde_json::to_value(params).unwrap_or(Value::Null),
        );
    }

    fn send_request(&mut self, method: &str, params: Value) {
        self.next_request += 1;
        let id = RequestId::from(format!("pilint-{}", self.next_request));
        self.outgoing
            .push(Request::new(id, method.to_owned(), params).into());
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.outgoing.push(
            Notification::new(
                lsp_types::notification::LogMessage::METHOD.to_owned(),
                lsp_types::LogMessageParams { typ, message },
            )
            .into(),
        );
    }
}

fn parse<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// The folders cross-file findings are computed for.
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| super::uri::to_path(&f.uri))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    #[allow(deprecated)] // Still the only folder older clients send.
    params
        .root_uri
        .as_ref()
        .and_then(super::uri::to_path)
        .into_iter()
        .collect()
}

/// A text size past which freeing a document's memory (its text, model
/// and findings) is left to another thread: for a 50 MB file it takes
/// long enough to be felt by the next request.
const LARGE: usize = 1 << 20;

/// Drops `value` on a thread of its own when it is `large`, else here.
fn drop_aside<T: Send + 'static>(value: T, large: bool) {
    if large {
        spawn("pilint-drop", move || drop(value));
    } else {
        drop(value);
    }
}

/// Runs `work` on a thread of its own; where none can be started, here.
fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    let work = std::sync::Mutex::new(Some(work));
    let shared = Arc::new(work);
    let theirs = Arc::clone(&shared);
    let started = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            if let Some(work) = theirs.lock().ok().and_then(|mut w| w.take()) {
                work();
            }
        });
    if started.is_err()
        && let Some(work) = shared.lock().ok().and_then(|mut w| w.take())
    {
        work();
    }
}
