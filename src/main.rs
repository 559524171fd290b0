//! The `realname` command. Everything lives in the library; see `realname::run`.

fn main() -> std::process::ExitCode {
    realname::run()
}
