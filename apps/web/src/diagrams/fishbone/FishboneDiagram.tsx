// Placeholder: the diagrams helper replaces this file.
export function FishboneDiagram() {
  return <div>Fishbone</div>;
}
