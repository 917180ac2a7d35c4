//! The command line: clap types, converted into the library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use create_edge_app::spec::Language;
use create_edge_app::{GenerateOptions, GenerateReport, NewOptions, SpecSource};

/// Turn one declarative service spec (edge-app.toml) into a complete Cloudflare Worker project.
#[derive(Debug, Parser)]
#[command(name = "create-edge-app", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  create-edge-app new my-api --template links\n  create-edge-app check edge-app.toml\n  create-edge-app templates"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new Worker project from a spec or a gallery template.
    #[command(
        after_help = "Examples:\n  create-edge-app new my-api --template links\n  create-edge-app new my-api --spec edge-app.toml --lang js\n  create-edge-app new . --template hello --force"
    )]
    New {
        /// The folder to create (it must not exist, or be empty, unless --force).
        dir: PathBuf,
        /// The spec file to generate from.
        #[arg(long, conflicts_with = "template")]
        spec: Option<PathBuf>,
        /// A gallery template to generate from (see `create-edge-app templates`). Default: hello.
        #[arg(long)]
        template: Option<String>,
        /// The language of the project, overriding the spec's `app.language`.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// The Worker's name, overriding the spec's `app.name` (a template defaults to the folder's
        /// name).
        #[arg(long)]
        name: Option<String>,
        /// Write into a folder that is not empty; files of the same name are replaced.
        #[arg(long)]
        force: bool,
    },
    /// Bring a project to its spec in place, keeping every edit you made.
    #[command(
        after_help = "Examples:\n  create-edge-app generate\n  create-edge-app generate --dry-run\n  create-edge-app generate --check          # in CI: exit 1 when the project is stale\n  create-edge-app generate --resolved       # after fixing conflict markers\n  create-edge-app generate my-api --format json"
    )]
    Generate {
        /// The project folder (holding edge-app.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Show a unified diff of every change and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write nothing; exit 1 when the project is out of date or holds unresolved conflicts.
        #[arg(long, conflicts_with = "dry_run")]
        check: bool,
        /// Overwrite generated files you edited, keeping a backup under .edge-app/backup/.
        #[arg(long)]
        force: bool,
        /// The conflict markers of the last run are resolved: proceed.
        #[arg(long)]
        resolved: bool,
        /// The report's format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Check a spec and print every problem in it.
    #[command(
        after_help = "Examples:\n  create-edge-app check\n  create-edge-app check path/to/edge-app.toml"
    )]
    Check {
        /// The spec file.
        #[arg(default_value = "edge-app.toml")]
        spec: PathBuf,
    },
    /// Print the JSON Schema of edge-app.toml.
    #[command(after_help = "Examples:\n  create-edge-app schema > edge-app.schema.json")]
    Schema,
    /// List the gallery templates.
    #[command(after_help = "Examples:\n  create-edge-app templates")]
    Templates,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Lang {
    Ts,
    Js,
    Rust,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Ts => Language::Ts,
            Lang::Js => Language::Js,
            Lang::Rust => Language::Rust,
        }
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::New {
            dir,
            spec,
            template,
            lang,
            name,
            force,
        } => {
            let source = match spec {
                Some(path) => SpecSource::File(path),
                None => SpecSource::Template(template.unwrap_or_else(|| "hello".to_owned())),
            };
            let options = NewOptions {
                dir: dir.clone(),
                spec: source,
                language: lang.map(Into::into),
                name,
                force,
            };
            match create_edge_app::new_project(&options) {
                Ok(files) => {
                    println!("Created {} ({} files). Next:", dir.display(), files.len());
                    println!("  cd {}\n  npm install\n  npm test", dir.display());
                    0
                }
                Err(error) => fail(&error),
            }
        }
        Command::Generate {
            dir,
            dry_run,
            check,
            force,
            resolved,
            format,
        } => {
            let options = GenerateOptions {
                dir,
                dry_run,
                check,
                force,
                resolved,
            };
            match create_edge_app::generate(&options) {
                Ok(report) => {
                    print_report(&report, format, check);
                    i32::from(report.conflicts || (check && report.changed))
                }
                Err(error) => fail(&error),
            }
        }
        Command::Check { spec } => match create_edge_app::check(&spec) {
            Ok(summary) => {
                println!("{summary}");
                0
            }
            Err(error) => fail(&error),
        },
        Command::Schema => {
            print!("{}", create_edge_app::schema::spec_schema_text());
            0
        }
        Command::Templates => {
            for template in create_edge_app::gallery::templates() {
                println!("{:<12} {}", template.name, template.summary());
            }
            0
        }
    }
}

fn print_report(report: &GenerateReport, format: Format, check: bool) {
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(report).unwrap_or_default()
        );
        return;
    }
    if let Some(diff) = &report.diff {
        print!("{diff}");
    }
    for event in &report.events {
        let action = serde_json::to_value(event.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let note = if event.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", event.note)
        };
        println!("{action:<10} {}{note}", event.path);
    }
    let status = match (report.changed, report.applied, check) {
        (false, _, _) => "up to date with edge-app.toml",
        (true, true, _) => "updated",
        (true, false, true) => "out of date: run `create-edge-app generate`",
        (true, false, false) => "dry run: nothing written",
    };
    println!("{status}");
}

fn fail(error: &create_edge_app::Error) -> i32 {
    eprintln!("{error}");
    error.exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
