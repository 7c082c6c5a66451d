import { unwrap } from './api';
import { app } from './app.svelte';
import { commands, type ReminderAbout } from './bindings';
import { t } from './i18n';

/** How often the running app asks whether a reminder is due (and when data arrives). */
const EVERY_MS = 10 * 60 * 1000;

/** A reminder in one line, as the dashboard card and the notification both say it. */
export function reminderHeadline(about: ReminderAbout): string {
  switch (about.kind) {
    case 'deadlinesThisWeek':
      return t().reminders.deadlinesThisWeek(about.count);
    case 'overdue':
      return t().reminders.overdue(about.count);
    case 'decisionsWaiting':
      return t().reminders.decisionsWaiting(about.count);
    case 'complaintsAtLimit':
      return t().reminders.complaintsAtLimit(about.near, about.overdue);
  }
}

/**
 * Announces what is due as notifications of the operating system while the app runs:
 * now, every ten minutes, and when data arrives from another laptop. The core decides
 * which reminders are due and keeps each to one notification a day; a laptop without a
 * notification service simply shows none (the dashboard still does).
 */
export function announceReminders(): void {
  const announce = async (): Promise<void> => {
    try {
      const due = await unwrap(commands.remindersToNotify());
      const notices = due.map((reminder) => ({ title: t().reminders.notificationTitle, body: reminderHeadline(reminder.about) }));
      const shown = notices.length === 0 ? 0 : await unwrap(commands.showNotifications(notices));
      // End-to-end tests wait for the first announcement (and read how many were shown).
      document.body.dataset.remindersAnnounced ??= String(shown);
    } catch {
      // Reminders are a courtesy: the dashboard card reports its own failures.
    }
  };
  void announce();
  setInterval(() => void announce(), EVERY_MS);
  $effect.root(() => {
    let first = true;
    $effect(() => {
      void app.dataRevision;
      if (first) first = false;
      else void announce();
    });
  });
}
