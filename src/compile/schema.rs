//! The profile schema: field declarations -> record shapes and types.

use super::ir::*;
use super::types::ScalarType;
use super::Compiler;
use crate::diagnostic::Diag;
use crate::syntax::ast::{self, FieldModifier, TypeExpr};
use crate::text::did_you_mean;

/// The values of one enumeration are the bits of a 64-bit mask.
pub const MAX_ENUM_VALUES: usize = 64;
/// Fields are found by a 16-bit index; a real record has a dozen.
pub const MAX_RECORD_FIELDS: usize = 10_000;

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
            // Fields are found by a 16-bit index.
            if shape.fields.len() >= MAX_RECORD_FIELDS {
                self.error(Diag::at(
                    &field.name.span,
                    format!("a record may have at most {MAX_RECORD_FIELDS} fields"),
                    "too many fields",
                ));
                break;
            }
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
            let (ty, scalar) = self.field_type(&field.ty);
            shape.fields.push(FieldDef {
                name: field.name.node.clone(),
                ty,
                scalar,
                required: required.unwrap_or(false),
                sensitive,
                doc: field.docs.as_ref().map(|d| d.node.clone()),
                span: field.name.span.clone(),
            });
        }
        shape
    }

    /// The type of a field, and the scalar type its values (or its items') are read as.
    fn field_type(&mut self, ty: &TypeExpr) -> (Ty, Option<ScalarType>) {
        match ty {
            TypeExpr::Named(name) => match ScalarType::parse(&name.node) {
                Some(scalar) => (scalar.ty(), Some(scalar)),
                None => {
                    let other = name.node.as_str();
                    let help = match did_you_mean(other, ScalarType::keywords()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "a field's type is one of {}, `enum [...]`, `record {{ ... }}` or `list of ...`",
                            ScalarType::keywords().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
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
                    (Ty::Error, None)
                }
            },
            TypeExpr::Enum(values, span) => {
                if values.is_empty() {
                    self.error(
                        Diag::at(span, "an enumeration needs at least one value", "empty")
                            .with_help("list the allowed values: `enum [debit, credit]`"),
                    );
                }
                if values.len() > MAX_ENUM_VALUES {
                    self.error(Diag::at(
                        span,
                        format!("an enumeration may have at most {MAX_ENUM_VALUES} values"),
                        "too many values",
                    ));
                }
                let mut names: Vec<String> = Vec::new();
                // Values are bits of a 64-bit mask: the ones past the limit are left out.
                for v in values.iter().take(MAX_ENUM_VALUES) {
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
                let Ok(id) = EnumId::try_from(self.schema.enums.len()) else {
                    self.error(Diag::at(
                        span,
                        format!("a schema may declare at most {} enumerations", EnumId::MAX),
                        "too many enumerations",
                    ));
                    return (Ty::Error, None);
                };
                self.schema.enums.push(EnumDef { values: names });
                (Ty::Enum(id), None)
            }
            TypeExpr::Record(fields, span) => {
                let Ok(id) = RecordId::try_from(self.schema.records.len()) else {
                    self.error(Diag::at(
                        span,
                        format!("a schema may declare at most {} records", RecordId::MAX),
                        "too many records",
                    ));
                    return (Ty::Error, None);
                };
                self.schema.records.push(RecordShape::default());
                let shape = self.record_fields(fields);
                self.schema.records[id as usize] = shape;
                (Ty::Record(id), None)
            }
            TypeExpr::List(inner, _) => {
                let (item, scalar) = self.field_type(inner);
                (Ty::List(Box::new(item)), scalar)
            }
        }
    }
}
