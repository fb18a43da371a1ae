import { memo, useCallback, useState } from 'react';
import { useBoard } from '../board/BoardContext.tsx';
import { type EditTarget, setPresence } from '../board/presence.ts';
import { localUser, saveLocalUser } from '../board/user.ts';
import { type Editor, useEditors } from '../hooks/useEditors.ts';
import { usePeers } from '../hooks/usePeers.ts';
import { CommitField } from '../ui/CommitField.tsx';

const KIND_LABEL: Record<EditTarget['kind'], string> = {
  event: 'a timeline event',
  why: 'a why',
  cause: 'a fishbone cause',
  category: 'a fishbone category',
  action: 'an action item',
  meta: 'the board',
};

const META_FIELD_LABEL: Record<string, string> = {
  title: 'the title',
  incidentId: 'the incident id',
  rootCause: 'the root cause',
};

function describe(target: EditTarget): string {
  if (target.kind === 'meta')
    return `editing ${META_FIELD_LABEL[target.field ?? ''] ?? 'the board'}`;
  return `editing ${target.field ? `${target.field} of ` : ''}${KIND_LABEL[target.kind]}`;
}

const YourName = memo(function YourName() {
  const { awareness } = useBoard();
  const [user, setUser] = useState(localUser);
  const onCommit = useCallback(
    (next: string) => {
      const name = next.trim();
      if (!name) return 'Enter a name.';
      const updated = { ...user, name: name.slice(0, 60) };
      saveLocalUser(updated);
      setPresence(awareness, 'user', updated);
      setUser(updated);
      return null;
    },
    [awareness, user],
  );
  return (
    <span className="you">
      <span className="dot" style={{ background: user.color }} aria-hidden />
      <CommitField
        value={user.name}
        onCommit={onCommit}
        label="Your name"
        className="name-input"
        testId="your-name"
      />
      <span className="muted">(you)</span>
    </span>
  );
});

const PeerChip = memo(function PeerChip({
  name,
  color,
  editing,
}: {
  name: string;
  color: string;
  editing: EditTarget | null;
}) {
  return (
    <li
      className="peer"
      data-testid="peer"
      title={editing ? `${name} is ${describe(editing)}` : name}
    >
      <span className="dot" style={{ background: color }} aria-hidden />
      <span className="peer-name">{name}</span>
      {editing && <span className="peer-doing">{describe(editing)}</span>}
    </li>
  );
});

function editingOf(editors: readonly Editor[], clientId: number): EditTarget | null {
  return editors.find((e) => e.clientId === clientId)?.target ?? null;
}

/** You (name editable) and everyone else on the board, with what each is editing. */
export const PresenceBar = memo(function PresenceBar() {
  const peers = usePeers();
  const editors = useEditors();
  return (
    <div className="presence-bar">
      <YourName />
      <ul className="presence-list" data-testid="presence-list" aria-label="People on this board">
        {peers.length === 0 ? (
          <li className="muted">Nobody else here yet: share the link.</li>
        ) : (
          peers.map((p) => (
            <PeerChip
              key={p.clientId}
              name={p.user.name}
              color={p.user.color}
              editing={editingOf(editors, p.clientId)}
            />
          ))
        )}
      </ul>
    </div>
  );
});
