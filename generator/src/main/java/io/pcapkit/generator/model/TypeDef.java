package io.pcapkit.generator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Kaitai type: the grammar's top level or an entry of some {@code types:} section. */
public final class TypeDef {
    public String name;                    // KSY name (snake_case)
    public TypeDef parent;                 // enclosing type, null for the top level
    public final List<FieldDef> seq = new ArrayList<>();
    public final Map<String, FieldDef> instances = new LinkedHashMap<>();
    public final Map<String, TypeDef> types = new LinkedHashMap<>();
    public final List<ParamDef> params = new ArrayList<>();
    public String where;

    /** Resolves a type name by Kaitai's scoping: this type's types, then the enclosing ones. */
    public TypeDef resolve(String typeName) {
        for (TypeDef t = this; t != null; t = t.parent) {
            TypeDef found = t.types.get(typeName);
            if (found != null) return found;
        }
        return null;
    }

    public boolean isTop() {
        return parent == null;
    }

    /** The chain of type names from the top level, e.g. [ipv4, options, option]. */
    public List<String> path() {
        List<String> p = new ArrayList<>();
        for (TypeDef t = this; t != null; t = t.parent) p.add(0, t.name);
        return p;
    }

    public FieldDef field(String id) {
        for (FieldDef f : seq) if (f.id.equals(id)) return f;
        return null;
    }

    public ParamDef param(String id) {
        for (ParamDef p : params) if (p.id().equals(id)) return p;
        return null;
    }
}
