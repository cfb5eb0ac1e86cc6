/**
 * Names in the viewer's language in SQL, by the live view's rule: the name a configuration
 * snapshot's `names` (or a hall's `names` column) has in that language, else its zh-CN `name`
 * (an empty translation counts as none). Fixed fragments; the language is always a parameter.
 */

/** `names` and `name`: SQL expressions; `lang`: the placeholder of the language's parameter. */
export const namedIn = (names: string, name: string, lang: string) => `COALESCE(NULLIF(${names}->>${lang}::text, ''), ${name})`;
