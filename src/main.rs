//! The `create-edge-app` command.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
