//! The command line: clap types, converted into the library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use create_edge_app::spec::Language;
use create_edge_app::{NewOptions, SpecSource};

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
