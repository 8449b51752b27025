// JSON → Classic API XML: objects become elements, a list becomes repeated elements named in the singular.
import { isObject } from '../json.js';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Serialises `value` as the element `name`. `itemName` names the elements of a list from the list's
 * path (e.g. ['commands', 'completed'] → 'command'); an item already wrapped in an object with that
 * single key (the documented `{"command": {…}}` form) is unwrapped first.
 */
export function toXml(name: string, value: unknown, itemName: (path: readonly string[]) => string, path: readonly string[] = []): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemName(path);
    const items = value.map((v) => {
      const inner = isObject(v) && Object.keys(v).length === 1 && item in v ? v[item] : v;
      return toXml(item, inner, itemName, [...path, item]);
    });
    return `<${name}>${items.join('')}</${name}>`;
  }
  if (isObject(value)) {
    const children = Object.entries(value).map(([key, v]) => toXml(key, v, itemName, [...path, key]));
    return `<${name}>${children.join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}
