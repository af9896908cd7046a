import type { Page } from 'playwright-core';

/** Locators of the demo page, named after what a person sees. */
export function dashboard(page: Page) {
  const connection = page.locator('.takhin-dashboard .takhin-connection');
  return {
    root: page.locator('.takhin-dashboard'),
    connection,
    connectionLabel: connection.locator('.takhin-connection-label'),
    connectionDetail: connection.locator('.takhin-connection-detail'),
    topicTable: page.locator('.takhin-topic-table'),
    topicRow: (name: string) =>
      page
        .locator('.takhin-topic-table tbody tr')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) }),
    /** The text of a topic row's cell under the column headed `header` (null while that column is not shown). */
    topicCell: (name: string, header: string) =>
      page.evaluate(
        ([topic, heading]) => {
          const table = document.querySelector('.takhin-topic-table table');
          if (!table) return null;
          const heads = [...table.querySelectorAll('thead th')];
          const column = heads.findIndex((th) => th.textContent?.trim().startsWith(heading));
          if (column < 0) return null;
          const row = [...table.querySelectorAll('tbody tr')].find(
            (tr) => tr.querySelector('th')?.textContent?.trim() === topic,
          );
          return row?.querySelectorAll('th, td')[column]?.textContent?.trim() ?? null;
        },
        [name, header] as const,
      ),
    eventFeed: page.locator('.takhin-events'),
    feedItem: (kind: string, name: string) =>
      page.locator('.takhin-events .takhin-feed-item').filter({ hasText: kind }).filter({ hasText: name }),
    lagRow: (groupId: string) =>
      page.locator('.takhin-lag-table tbody tr[data-kind="group"]').filter({ hasText: groupId }),
    health: page.locator('.takhin-health'),
    controls: page.getByRole('region', { name: 'Simulator controls' }),
    controlsStatus: page.locator('.demo-controls-status'),
  };
}

/** Waits until the page shows a live connection and a dashboard with data. */
export async function waitForLive(page: Page, timeout = 45_000): Promise<void> {
  const view = dashboard(page);
  await view.connection.and(page.locator('[data-state="live"]')).waitFor({ timeout });
  await view.root.and(page.locator('[data-state="live"]')).waitFor({ timeout });
}
