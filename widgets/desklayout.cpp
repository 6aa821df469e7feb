#include "desklayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QSettings>

namespace cityops {

namespace {

QSettings layoutSettings()
{
    return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("CityOps"), QStringLiteral("layouts"));
}

} // namespace

void DeskLayout::captureShipped() { m_shipped = m_window.saveState(); }

void DeskLayout::shown()
{
    if (m_shown)
        return;
    m_shown = true;
    if (!m_own)
        shipSizes();
}

void DeskLayout::signedIn(const QString &user)
{
    m_user = user;
    const QByteArray own = layoutSettings().value(user + QStringLiteral("/docks")).toByteArray();
    if (own.isEmpty() || !m_window.restoreState(own))
        useShipped();
    else
        m_own = true;
}

void DeskLayout::keep()
{
    if (m_user.isEmpty())
        return;
    QSettings settings = layoutSettings();
    settings.setValue(m_user + QStringLiteral("/docks"), m_window.saveState());
    m_user.clear();
}

void DeskLayout::reset() { useShipped(); }

void DeskLayout::useShipped()
{
    m_window.restoreState(m_shipped);
    m_own = false;
    if (m_window.isVisible())
        shipSizes();
}

void DeskLayout::shipSizes()
{
    const auto dock = [this](const char *name) { return m_window.findChild<QDockWidget *>(QLatin1String(name)); };
    QDockWidget *details = dock("details"), *incidents = dock("incidents"), *energy = dock("energy");
    QDockWidget *alarms = dock("alarms"), *eventLog = dock("eventlog");
    if (!details || !incidents || !energy || !alarms || !eventLog)
        return;
    // The incident list is the desk's queue: taller than Details, which is mostly empty until something is picked.
    m_window.resizeDocks({details, incidents}, {300, 500}, Qt::Vertical);
    m_window.resizeDocks({details}, {600}, Qt::Horizontal);   // the incident list reads whole: street and district
    m_window.resizeDocks({energy}, {250}, Qt::Vertical);
    // Along the bottom the alarm list is the widest (its text names the junction); the event log gets room for a few
    // words a line rather than a sliver.
    m_window.resizeDocks({energy, alarms, eventLog}, {620, 900, 400}, Qt::Horizontal);
}

} // namespace cityops
