"""A small check of JSON answers against the API's OpenAPI description (jsonschema is not a
dependency): the part of JSON Schema the description uses (type, nullable types, enum,
required, properties, additionalProperties, items, $ref), and no key the description does not
name."""

TYPES = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def problems(value, schema, root, where="$"):
    """What in `value` does not fit `schema`, as a list of sentences (empty: it fits)."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return problems(value, target, root, where)
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        fits = any(
            isinstance(value, TYPES[kind]) and not (kind == "integer" and isinstance(value, bool))
            for kind in kinds
        )
        if not fits:
            return [f"{where}: {type(value).__name__} is not {kinds}"]
    found = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        found += [
            f"{where}: {key!r} missing" for key in schema.get("required", []) if key not in value
        ]
        extra = schema.get("additionalProperties", {} if not properties else False)
        for key, item in value.items():
            if key in properties:
                found += problems(item, properties[key], root, f"{where}.{key}")
            elif extra is False:
                found.append(f"{where}: {key!r} is not in the description")
            else:
                found += problems(item, extra, root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            found += problems(item, schema["items"], root, f"{where}[{number}]")
    return found


def answer_schema(description, path, status="200"):
    return description["paths"][path]["get"]["responses"][status]["content"]["application/json"][
        "schema"
    ]
