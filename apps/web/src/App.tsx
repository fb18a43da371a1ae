import { BoardProvider } from './board/BoardContext.tsx';
import { usePathname } from './hooks/usePathname.ts';
import { BoardPage } from './pages/BoardPage.tsx';
import { LandingPage } from './pages/LandingPage.tsx';
import { parseRoute } from './routes.ts';
import { TrendsPage } from './trends/TrendsPage.tsx';

/** Routes by pathname: `/` is the landing page, `/trends` the trends, `/r/<room>` a live board. */
export function App() {
  const route = parseRoute(usePathname());
  if (route.page === 'landing') return <LandingPage />;
  if (route.page === 'trends') return <TrendsPage />;
  // key: switching rooms must tear down the old doc and socket, not reuse them.
  return (
    <BoardProvider key={route.room} room={route.room}>
      <BoardPage />
    </BoardProvider>
  );
}
