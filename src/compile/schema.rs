//! The profile schema: field declarations -> record shapes and types.

use super::ir::*;
use super::Compiler;
use crate::diagnostic::Diag;
use crate::syntax::ast::{self, FieldModifier, TypeExpr};
use crate::syntax::did_you_mean;

const TYPE_NAMES: [&str; 6] = ["text", "date", "bool", "int", "bank", "country"];

impl Compiler {
    pub(crate) fn compile_schema(&mut self, decl: &ast::SchemaDecl) {
        self.schema.span = Some(decl.keyword.clone());
        self.schema.records.push(RecordShape::default());
        let shape = self.record_fields(&decl.fields);
        self.schema.records[Schema::ROOT as usize] = shape;
    }

    fn record_fields(&mut self, fields: &[ast::FieldDecl]) -> RecordShape {
        let mut shape = RecordShape::default();
        for field in fields {
            if let Some(prev) = shape.fields.iter().find(|f| f.name == field.name.node) {
                let diag = super::duplicate(&field.name, "field", &prev.span);
                self.error(diag);
                continue;
            }
            let mut required = None;
            let mut sensitive = false;
            for m in &field.modifiers {
                match m.node {
                    FieldModifier::Required | FieldModifier::Optional => {
                        let is_required = m.node == FieldModifier::Required;
                        if required.is_some_and(|r| r != is_required) {
                            self.error(
                                Diag::at(
                                    &m.span,
                                    "a field cannot be both `required` and `optional`",
                                    "conflicting",
                                )
                                .with_help("keep one of the two words"),
                            );
                        }
                        required = Some(is_required);
                    }
                    FieldModifier::Sensitive => sensitive = true,
                }
            }
            let ty = self.field_type(&field.ty);
            shape.fields.push(FieldDef {
                name: field.name.node.clone(),
                ty,
                required: required.unwrap_or(false),
                sensitive,
                doc: field.docs.as_ref().map(|d| d.node.clone()),
                span: field.name.span.clone(),
            });
        }
        shape
    }

    fn field_type(&mut self, ty: &TypeExpr) -> Ty {
        match ty {
            TypeExpr::Named(name) => match name.node.as_str() {
                "text" => Ty::Text,
                "date" => Ty::Date,
                "bool" => Ty::Bool,
                "int" => Ty::Int,
                "bank" => Ty::Bank,
                "country" => Ty::Country,
                other => {
                    let help = match did_you_mean(other, TYPE_NAMES) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "a field's type is one of {}, `enum [...]`, `record {{ ... }}` or `list of ...`",
                            TYPE_NAMES.map(|t| format!("`{t}`")).join(", ")
                        ),
                    };
                    self.error(
                        Diag::at(
                            &name.span,
                            format!("`{other}` is not a type"),
                            "unknown type",
                        )
                        .with_help(help),
                    );
                    Ty::Error
                }
            },
            TypeExpr::Enum(values, span) => {
                if values.is_empty() {
                    self.error(
                        Diag::at(span, "an enumeration needs at least one value", "empty")
                            .with_help("list the allowed values: `enum [debit, credit]`"),
                    );
                }
                if values.len() > 64 {
                    self.error(Diag::at(
                        span,
                        "an enumeration may have at most 64 values",
                        "too many values",
                    ));
                }
                let mut names: Vec<String> = Vec::new();
                for v in values {
                    if names.contains(&v.node) {
                        self.error(Diag::at(
                            &v.span,
                            format!("`{}` is listed twice", v.node),
                            "repeated value",
                        ));
                    } else {
                        names.push(v.node.clone());
                    }
                }
                self.schema.enums.push(EnumDef { values: names });
                Ty::Enum((self.schema.enums.len() - 1) as EnumId)
            }
            TypeExpr::Record(fields, _) => {
                let id = self.schema.records.len() as RecordId;
                self.schema.records.push(RecordShape::default());
                let shape = self.record_fields(fields);
                self.schema.records[id as usize] = shape;
                Ty::Record(id)
            }
            TypeExpr::List(inner, _) => Ty::List(Box::new(self.field_type(inner))),
        }
    }
}
