export { addCalendarDay, listCalendarDays, removeCalendarDay, type CalendarDay } from "./days";
export { loadBusinessCalendar, forgetBusinessCalendar, CALENDAR_CHANNEL } from "./load";
export { addCalendarDayInput, removeCalendarDayInput, calendarYearQuery, isCalendarDate } from "./inputs";
