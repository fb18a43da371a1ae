// Placeholder: the diagrams helper replaces this file.
export function WhysDiagram() {
  return <div>5 Whys</div>;
}
