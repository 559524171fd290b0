//! Field paths: `document.number`, `card.bank`, a `for` variable's fields, a definition's
//! name, resolved to slots of the profile and typed by the schema.

use super::expr::{article, ex_size, Binding, Env, ERROR};
use super::ir::*;
use super::{unknown, Compiler};
use crate::code::Code;
use crate::diagnostic::Diag;
use crate::source::Span;
use crate::syntax::ast;

impl Compiler {
    pub(crate) fn path(&mut self, path: &ast::Path, span: &Span, env: &mut Env) -> (Ex, Ty) {
        let first = &path.segments[0];
        let rest = &path.segments[1..];
        let (base, mut fields, mut ty): (Base, Vec<u16>, Ty) = match env
            .binding(&first.node)
            .cloned()
        {
            Some(Binding::Local { slot, ty }) => (Base::Local(slot), Vec::new(), ty),
            Some(Binding::Param { ex, ty }) => {
                if rest.is_empty() {
                    // The argument is copied into the body: it counts towards the budget.
                    if !self.spend(ex_size(&ex), span) {
                        return ERROR;
                    }
                    return (ex, ty);
                }
                match ex {
                    Ex::Load(fp) => (fp.base, fp.fields.to_vec(), fp.ty),
                    _ => {
                        self.error(
                            Diag::at(
                                span,
                                format!(
                                    "`{}` is a computed value, so it has no fields",
                                    first.node
                                ),
                                "no fields",
                            )
                            .with_help("pass a field or a loop variable to the definition instead"),
                        );
                        return ERROR;
                    }
                }
            }
            None => {
                if let Some(def) = env.find_let(&first.node) {
                    if def.params.is_some() {
                        self.error(
                            Diag::at(
                                &first.span,
                                format!("`{}` takes arguments", first.node),
                                "call it",
                            )
                            .with_help(format!("write `{}(...)`", first.node)),
                        );
                        return ERROR;
                    }
                    if !rest.is_empty() {
                        self.error(Diag::at(
                            span,
                            format!("`{}` is a definition, not a record", first.node),
                            "no fields",
                        ));
                        return ERROR;
                    }
                    return self.inline_let(&def, &[], span, env);
                }
                let root = self.schema.record(Schema::ROOT);
                match root.field_index(&first.node) {
                    Some(i) => {
                        env.reads_sensitive |= root.fields[i].sensitive;
                        (Base::Root, vec![i as u16], root.fields[i].ty.clone())
                    }
                    None => {
                        if self.schema.records.is_empty() {
                            return ERROR;
                        }
                        let mut known: Vec<String> =
                            root.fields.iter().map(|f| f.name.clone()).collect();
                        known.extend(env.bindings.iter().map(|(n, _)| n.clone()));
                        known.extend(env.lets.iter().map(|l| l.name.node.clone()));
                        let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
                        let diag = unknown(&first.node, &first.span, "field", &known_refs);
                        self.error(diag);
                        return ERROR;
                    }
                }
            }
        };
        for seg in rest {
            match ty {
                Ty::Record(id) => {
                    let shape = self.schema.record(id);
                    match shape.field_index(&seg.node) {
                        Some(i) => {
                            fields.push(i as u16);
                            env.reads_sensitive |= shape.fields[i].sensitive;
                            ty = shape.fields[i].ty.clone();
                        }
                        None => {
                            let names: Vec<&str> =
                                shape.fields.iter().map(|f| f.name.as_str()).collect();
                            let mut diag = unknown(&seg.node, &seg.span, "field", &names);
                            let parent = path.segments[..path.segments.len() - rest.len()]
                                .iter()
                                .chain(rest.iter().take_while(|s| !std::ptr::eq(*s, seg)))
                                .map(|s| s.node.as_str())
                                .collect::<Vec<_>>()
                                .join(".");
                            diag.message = format!("`{parent}` has no field `{}`", seg.node);
                            self.error(diag);
                            return ERROR;
                        }
                    }
                }
                Ty::List(_) => {
                    let list_name = path.segments[..path.segments.len() - rest.len()]
                        .iter()
                        .map(|s| s.node.as_str())
                        .collect::<Vec<_>>()
                        .join(".");
                    self.error(
                        Diag::at(&seg.span, format!("`{list_name}` is a list, so it has no field `{}`", seg.node), "inside a list")
                            .with_help(format!(
                                "go over the items with `for some item in {list_name} {{ ... }}` or `some item in {list_name}: item.{} ...`",
                                seg.node
                            )),
                    );
                    return ERROR;
                }
                Ty::Error => return ERROR,
                other => {
                    let found = self.schema.type_name(&other);
                    self.error(
                        Diag::at(
                            &seg.span,
                            format!("this value is {}, which has no fields", article(&found)),
                            "no such field",
                        )
                        .with_code(Code::TypeMismatch)
                        .with_help("only records have fields"),
                    );
                    return ERROR;
                }
            }
        }
        (
            Ex::Load(FieldPath {
                base,
                fields: fields.into_boxed_slice(),
                ty: ty.clone(),
            }),
            ty,
        )
    }
}
