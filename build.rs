//! The rule files are embedded in the binary (see src/rules.rs); rebuild when any of them
//! changes, including files added to the folder.

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=build.rs");
}
