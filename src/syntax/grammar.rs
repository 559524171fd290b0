//! The pest parser generated from grammar/realname.pest. Only `syntax` sees it.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/realname.pest"]
pub struct RuleParser;
