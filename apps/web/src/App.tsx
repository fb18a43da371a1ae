import { BoardProvider } from './board/BoardContext.tsx';
import { usePathname } from './hooks/usePathname.ts';
import { useRoomCheck } from './hooks/useRoomCheck.ts';
import { BoardPage } from './pages/BoardPage.tsx';
import { LandingPage } from './pages/LandingPage.tsx';
import { RoomNotFoundPage } from './pages/RoomNotFoundPage.tsx';
import { parseRoute } from './routes.ts';
import { TrendsPage } from './trends/TrendsPage.tsx';

/** Routes by pathname: `/` is the landing page, `/trends` the trends, `/r/<room>` a live board. */
export function App() {
  const route = parseRoute(usePathname());
  if (route.page === 'landing') return <LandingPage />;
  if (route.page === 'trends') return <TrendsPage />;
  // key: switching rooms must tear down the old doc and socket, not reuse them.
  return <Board key={route.room} room={route.room} />;
}

/** Connects only to a room the relay knows (or cannot be asked about: offline still works). */
function Board({ room }: { room: string }) {
  const check = useRoomCheck(room);
  if (check === 'checking') {
    return (
      <p className="opening" role="status" data-testid="opening-board">
        Opening board…
      </p>
    );
  }
  if (check === 'missing') return <RoomNotFoundPage room={room} />;
  return (
    <BoardProvider room={room}>
      <BoardPage />
    </BoardProvider>
  );
}
