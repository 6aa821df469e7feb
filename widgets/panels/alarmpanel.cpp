#include "panels/alarmpanel.h"

#include "labels.h"
#include "livecity.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace cityops {

AlarmTableModel::AlarmTableModel(const CityMirror &scene, QObject *parent)
    : QAbstractTableModel(parent), m_scene(scene), m_zone(Labels::zone(scene.city()))
{
}

void AlarmTableModel::setRows(std::vector<AlarmRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const AlarmRow *AlarmTableModel::rowAt(int row) const { return row >= 0 && row < rowCount() ? &m_rows[row] : nullptr; }

int AlarmTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }
int AlarmTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlarmTableModel::data(const QModelIndex &index, int role) const
{
    const AlarmRow *row = rowAt(index.row());
    if (!row)
        return {};
    const CityModel &city = m_scene.city();
    if (role == Qt::ToolTipRole && index.column() == Alarm)
        return data(index, Qt::DisplayRole);   // long device ids are elided in the middle; the whole name on hover
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Priority: return Labels::alarmPriority(row->priority);
        case Alarm: {
            // A common cause names itself (its device is only the first of many); other alarms name their device
            // where people look for it — the junction's streets — with the id the field crew knows it by.
            const QString what = row->cause == AlarmCause::LinkLoss && !row->text.isEmpty() ? row->text : m_scene.deviceName(row->device);
            QString text = row->grouped ? tr("%1 × %2").arg(row->alarms.size()).arg(Labels::alarmCause(row->cause))
                                        : QStringLiteral("%1 — %2").arg(Labels::alarmCause(row->cause), what);
            if (row->consequential > 0)
                text += tr(" (+%n consequential)", nullptr, row->consequential);
            return text;
        }
        case State: {
            const QString active = row->active == 0 ? tr("returned") : row->active == int(row->alarms.size()) ? tr("active") : tr("%1 active").arg(row->active);
            return row->unacknowledged > 0 ? tr("%1, unacknowledged").arg(active) : tr("%1, acknowledged").arg(active);
        }
        case District: return Labels::district(city, row->district);
        case Latest: return Labels::clock(row->latestMs, m_zone);
        }
    } else if (role == Qt::DecorationRole && index.column() == Priority && row->active > 0) {
        // Colour only for what needs attention: high and medium alarms that are still active.
        if (row->priority == AlarmPriority::High)
            return mapstyle::severityColor(IncidentSeverity::Critical);
        if (row->priority == AlarmPriority::Medium)
            return mapstyle::severityColor(IncidentSeverity::Major);
    } else if (role == Qt::FontRole && row->unacknowledged > 0) {
        QFont f;
        f.setBold(true);
        return f;
    } else if (role == Qt::ForegroundRole && row->unacknowledged == 0) {
        return QColor(0x80, 0x86, 0x8c);
    }
    return {};
}

QVariant AlarmTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Priority: return tr("Priority");
    case Alarm: return tr("Alarm");
    case State: return tr("State");
    case District: return tr("District");
    case Latest: return tr("Last change");
    }
    return {};
}

AlarmPanel::AlarmPanel(LiveCity &live, OpsClient &ops, QWidget *parent)
    : QWidget(parent), m_live(live), m_ops(ops), m_model(new AlarmTableModel(live.scene(), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_flood = new QLabel(this);
    m_flood->setWordWrap(true);
    m_flood->setStyleSheet(QStringLiteral("QLabel { background: %1; color: black; font-weight: bold; padding: 4px; }")
                               .arg(mapstyle::severityColor(IncidentSeverity::Major).name()));
    m_flood->hide();
    m_rate = new QLabel(this);
    m_hidden = new QLabel(this);
    m_hidden->setStyleSheet(QStringLiteral("color: #9aa1a8;"));
    m_view = new QTableView(this);
    m_view->setTextElideMode(Qt::ElideRight);   // "No communication — Rudower Chaussee / Wegedornstraße (sig/clus…": the id's tail on hover
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(AlarmTableModel::Alarm, QHeaderView::Stretch);
    m_view->setAccessibleName(tr("Alarm list"));
    m_view->installEventFilter(this);
    m_ack = new QPushButton(tr("&Acknowledge"), this);
    m_shelve = new QPushButton(tr("&Shelve"), this);
    auto *shelveMenu = new QMenu(m_shelve);
    for (int minutes : {15, 60, 240, 480})
        shelveMenu->addAction(minutes < 60 ? tr("for %n minute(s)", nullptr, minutes) : tr("for %n hour(s)", nullptr, minutes / 60),
                              this, [this, minutes] { shelveSelected(minutes * 60'000LL); });
    shelveMenu->addAction(tr("Unshelve"), this, [this] { shelveSelected(0); });
    m_shelve->setMenu(shelveMenu);
    m_incident = new QPushButton(tr("Raise &incident"), this);
    m_service = new QPushButton(tr("Out of service"), this);
    m_showHidden = new QCheckBox(tr("Show &hidden"), this);
    m_showHidden->setToolTip(tr("Also list shelved, out-of-service and suppressed alarms"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_ack);
    buttons->addWidget(m_shelve);
    buttons->addWidget(m_incident);
    buttons->addWidget(m_service);
    buttons->addStretch(1);
    buttons->addWidget(m_showHidden);
    layout->addWidget(m_flood);
    layout->addWidget(m_rate);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hidden);
    layout->addLayout(buttons);
    connect(m_ack, &QPushButton::clicked, this, &AlarmPanel::acknowledgeSelected);
    connect(m_incident, &QPushButton::clicked, this, &AlarmPanel::raiseIncident);
    connect(m_service, &QPushButton::clicked, this, [this] { setSelectedInService(currentOutOfService()); });
    connect(m_showHidden, &QCheckBox::toggled, this, &AlarmPanel::reload);
    connect(&live, &LiveCity::alarmsChanged, this, &AlarmPanel::reload);
    connect(&live, &LiveCity::secondElapsed, this, &AlarmPanel::reload);
    connect(&ops, &OpsClient::actorChanged, this, &AlarmPanel::reload);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlarmPanel::updateActions);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const AlarmRow *row = m_model->rowAt(index.row()); row && row->device != kNoDevice)
            Q_EMIT deviceActivated(row->device);
    });
    reload();
}

void AlarmPanel::reload()
{
    const Actor &actor = m_ops.actor();
    const QList<int> scope = actor.highestRole() == Role::Responder ? actor.districts : QList<int>{};
    const int rate = m_live.source().alarms().annunciatedSince(m_live.nowMs(), kFloodWindowMs, scope);
    m_summary = summarizeAlarms(m_live.scene().alarms, scope, rate);
    std::vector<AlarmRow> rows = m_summary.rows;
    if (m_showHidden->isChecked()) {
        for (const cityops::Alarm &a : m_live.scene().alarms) {
            if (a.annunciated() || (!scope.isEmpty() && !scope.contains(a.district)))
                continue;
            AlarmRow row;
            row.alarms = {a.id};
            row.cause = a.cause;
            row.priority = a.priority;
            row.district = a.district;
            row.device = a.device;
            row.text = a.text;
            row.unacknowledged = 0;   // hidden: shown grey whatever its state
            row.active = a.active;
            row.latestMs = a.changedMs;
            rows.push_back(row);
        }
    }
    // Keep the operator's place across refreshes.
    const AlarmRow *current = m_model->rowAt(m_view->currentIndex().row());
    const std::uint32_t keep = current && !current->alarms.empty() ? current->alarms.front() : 0;
    m_model->setRows(std::move(rows));
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (keep && std::find(m_model->rowAt(r)->alarms.begin(), m_model->rowAt(r)->alarms.end(), keep) != m_model->rowAt(r)->alarms.end())
            m_view->setCurrentIndex(m_model->index(r, 0));
    m_flood->setVisible(m_summary.flood);
    m_flood->setText(tr("ALARM FLOOD: %n new alarm(s) in 10 minutes. Alarms are grouped by cause and district.", nullptr,
                        m_summary.ratePer10Min));
    m_rate->setText(tr("Alarm rate: %1 in the last 10 min (manageable: %2)").arg(m_summary.ratePer10Min).arg(kManageableRatePer10Min));
    m_hidden->setText(tr("Shelved %1 · out of service %2 · suppressed by design %3")
                          .arg(m_summary.shelved).arg(m_summary.outOfService).arg(m_summary.suppressed));
    updateActions();
}

std::vector<std::uint32_t> AlarmPanel::selectedAlarms() const
{
    std::vector<std::uint32_t> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        if (const AlarmRow *row = m_model->rowAt(index.row()))
            ids.insert(ids.end(), row->alarms.begin(), row->alarms.end());
    if (ids.empty())
        if (const AlarmRow *row = m_model->rowAt(m_view->currentIndex().row()))
            ids = row->alarms;
    return ids;
}

void AlarmPanel::updateActions()
{
    // A greyed button says why: nothing selected, nobody signed in, locked or replaying, or this person's role.
    const bool any = !selectedAlarms().empty();
    const QString nothing = tr("Select one or more alarms in the list first.");
    const auto why = [&](Permission p) { return any ? m_ops.whyNot(p) : nothing; };
    OpsClient::explain(m_ack, why(Permission::AcknowledgeAlarm), tr("Acknowledge the selected alarms"));
    OpsClient::explain(m_shelve, why(Permission::ShelveAlarm), tr("Hide the selected alarms for a while (they come back by themselves)"));
    m_service->setText(currentOutOfService() ? tr("Return to service") : tr("Out of service"));
    OpsClient::explain(m_service, why(Permission::RemoveAlarmFromService),
                       tr("Take the selected alarms out of service for maintenance, or return them (supervisors)"));
    const AlarmRow *row = m_model->rowAt(m_view->currentIndex().row());
    OpsClient::explain(m_incident,
                       !row ? tr("Select an alarm in the list first.")
                       : row->device == kNoDevice ? tr("This alarm has no device to open an incident at.")
                                                  : m_ops.whyNot(Permission::ReportIncident),
                       tr("Open an incident for the selected alarm's device, so responders can be dispatched"));
}

bool AlarmPanel::currentOutOfService() const
{
    const AlarmRow *row = m_model->rowAt(m_view->currentIndex().row());
    if (row && !row->alarms.empty())
        for (const cityops::Alarm &a : m_live.scene().alarms)
            if (a.id == row->alarms.front())
                return a.outOfService;
    return false;
}

void AlarmPanel::raiseIncident()
{
    const AlarmRow *row = m_model->rowAt(m_view->currentIndex().row());
    if (!row || row->device == kNoDevice)
        return;
    // High-priority alarms become major incidents, the rest minor.
    const IncidentSeverity severity = row->priority == AlarmPriority::High ? IncidentSeverity::Major : IncidentSeverity::Minor;
    m_ops.ask(request::ReportIncident{{}, severity, QStringLiteral("from alarm: %1").arg(alarmCauseName(row->cause)), row->device}, tr("Alarms"));
}

void AlarmPanel::acknowledgeSelected()
{
    if (auto ids = selectedAlarms(); !ids.empty())
        m_ops.ask(request::AcknowledgeAlarms{std::move(ids)}, tr("Alarms"));
}

void AlarmPanel::shelveSelected(std::int64_t durationMs)
{
    if (auto ids = selectedAlarms(); !ids.empty())
        m_ops.ask(request::ShelveAlarms{std::move(ids), durationMs}, tr("Alarms"));
}

void AlarmPanel::setSelectedInService(bool inService)
{
    for (std::uint32_t id : selectedAlarms())
        m_ops.ask(request::SetAlarmService{id, inService}, tr("Alarms"));
}

bool AlarmPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier && key->key() == Qt::Key_A) {
            acknowledgeSelected();
            return true;
        }
        if (key->modifiers() == Qt::NoModifier && key->key() == Qt::Key_S) {
            shelveSelected(60 * 60'000LL);   // the common case: an hour
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace cityops
