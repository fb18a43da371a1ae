import { memo } from 'react';
import { navigate } from '../routes.ts';

/**
 * A board link that names no board (a typo, a truncated paste). Connecting would show an empty
 * board that looks like lost data, so say plainly that there is no such board instead.
 */
export const RoomNotFoundPage = memo(function RoomNotFoundPage({ room }: { room: string }) {
  return (
    <main className="landing" data-testid="room-not-found">
      <section className="card not-found">
        <h1>
          No board called <code className="mono">{room}</code>
        </h1>
        <p>
          Nothing was ever saved under this link. Check it against the one you were sent: a board
          link looks like <code className="mono">/r/room_…</code>, and a missing or extra character
          leads here.
        </p>
        <p>
          <a
            href="/"
            className="button primary"
            data-testid="create-board-link"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            Create a new board
          </a>
        </p>
      </section>
    </main>
  );
});
