package io.pcapkit.generator.model;

/** A type parameter ({@code params:}); only integer and boolean parameters are supported. */
public record ParamDef(String id, String type) {
    public boolean isBool() {
        return "bool".equals(type);
    }
}
