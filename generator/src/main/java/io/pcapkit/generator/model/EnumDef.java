package io.pcapkit.generator.model;

import java.util.Map;

/** An {@code enums:} entry or a registry: number to short name. */
public record EnumDef(String name, Map<Long, String> values) {
}
