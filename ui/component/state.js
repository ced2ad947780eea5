// The map's state from Python (region, point, ack, text alternatives), handed to the map of the same key.
// A separate, tiny component: its element changes on every click, so it must not carry the map's code.
export default function ({ data }) {
  const registry = (window.__acumapMaps ||= { maps: new Map(), pending: new Map() });
  const map = registry.maps.get(data.target);
  if (map && map.root.isConnected) map.receive(data);
  else registry.pending.set(data.target, data);
}
