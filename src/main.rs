//! The `realname` command. Everything lives in the library; see `realname::cli`.

fn main() -> std::process::ExitCode {
    realname::cli::run()
}
