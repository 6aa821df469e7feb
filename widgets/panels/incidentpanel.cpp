#include "panels/incidentpanel.h"

#include "labels.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"
#include "ops/opsrules.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QPushButton>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cityops {

IncidentTableModel::IncidentTableModel(const CityMirror &scene, QObject *parent)
    : QAbstractTableModel(parent), m_scene(scene), m_zone(Labels::zone(scene.city()))
{
}

void IncidentTableModel::setShowResolved(bool show)
{
    m_showResolved = show;
    reload();
}

void IncidentTableModel::setDistricts(const QList<int> &districts)
{
    m_districts = districts;
    reload();
}

namespace {
/// The next SLA deadline still to meet, or 0.
std::int64_t nextDeadline(const Incident &i)
{
    return i.ackDueMs() > 0 ? i.ackDueMs() : i.onSceneDueMs();
}
} // namespace

void IncidentTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    for (const Incident &i : m_scene.incidents)
        if ((m_showResolved || i.isOpen()) && (m_districts.isEmpty() || m_districts.contains(i.district)))
            m_rows.push_back(i);
    std::sort(m_rows.begin(), m_rows.end(), [](const Incident &a, const Incident &b) {
        if (a.isOpen() != b.isOpen())
            return a.isOpen();
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.escalated() != b.escalated())
            return a.escalated();
        const std::int64_t da = nextDeadline(a), db = nextDeadline(b);
        if ((da > 0) != (db > 0))
            return da > 0;
        if (da != db)
            return da < db;
        return a.raisedMs < b.raisedMs;
    });
    endResetModel();
}

void IncidentTableModel::tick()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Sla), index(rowCount() - 1, Since), {Qt::DisplayRole});
}

IncidentId IncidentTableModel::incidentAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[row].id : 0;
}

int IncidentTableModel::rowOf(IncidentId id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int IncidentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IncidentTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant IncidentTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Incident &i = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Severity: return i.isOpen() ? Labels::severity(i.severity) : Labels::incidentState(i.state);
        case Kind: return QStringLiteral("#%1 %2").arg(i.id).arg(Labels::incidentKind(i.kind));
        case State:
            if (i.state == IncidentState::Dispatched && !i.acknowledgedBy.isEmpty())
                return tr("Dispatched, acknowledged by %1").arg(i.acknowledgedBy);
            return Labels::incidentState(i.state);
        case Sla: {
            const std::int64_t deadline = nextDeadline(i);
            if (deadline == 0)
                return QString();
            const bool ack = deadline == i.ackDueMs();
            const std::int64_t left = deadline - m_scene.nowMs;
            if (left >= 0)
                return ack ? tr("acknowledge within %1").arg(Labels::duration(left)) : tr("on scene within %1").arg(Labels::duration(left));
            return ack ? tr("ACK OVERDUE %1").arg(Labels::duration(-left)) : tr("ON SCENE OVERDUE %1").arg(Labels::duration(-left));
        }
        case Where: return whereOf(i);
        case Since: return i.isOpen() ? Labels::duration(m_scene.nowMs - i.raisedMs)
                                      : Labels::clock(i.resolvedMs, m_zone, false);
        }
    } else if (role == Qt::DecorationRole && index.column() == Severity && i.isOpen()) {
        return mapstyle::severityColor(i.severity);
    } else if (role == Qt::ForegroundRole && !i.isOpen()) {
        return QColor(0x80, 0x86, 0x8c);
    } else if (role == Qt::ForegroundRole && index.column() == Sla && nextDeadline(i) > 0 && nextDeadline(i) < m_scene.nowMs) {
        return mapstyle::severityColor(IncidentSeverity::Critical);   // overdue is abnormal: colour it
    } else if (role == Qt::ToolTipRole && index.column() == Since) {
        return Labels::clock(i.raisedMs, m_zone);
    } else if (role == Qt::ToolTipRole && index.column() == Where) {
        return whereOf(i);
    }
    return {};
}

QString IncidentTableModel::whereOf(const Incident &i) const
{
    auto it = m_where.constFind(i.id);
    if (it == m_where.constEnd())
        it = m_where.insert(i.id, Labels::where(m_scene.city(), i));
    return it.value();
}

QVariant IncidentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity: return tr("Severity");
    case Kind: return tr("Incident");
    case State: return tr("State");
    case Sla: return tr("Deadline");
    case Where: return tr("Where");
    case Since: return tr("Open for");
    }
    return {};
}

IncidentPanel::IncidentPanel(const CityMirror &scene, QWidget *parent)
    : QWidget(parent), m_scene(scene), m_model(new IncidentTableModel(scene, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(this);
    QFont f = m_summary->font();
    f.setBold(true);
    m_summary->setFont(f);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    // A place that does not fit wraps onto a second line rather than being cut: "near Magnusstraße · Central".
    m_view->setWordWrap(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Everything but the place is as wide as its text; the place (street · district) takes the rest — but never less
    // than 18 characters: stretched, it shrank to a sliver beside long deadlines ("ACK OVERDUE 240 h 39 min") in a
    // narrow dock, and each row wrapped into a column of fragments eight lines tall. Then the list scrolls sideways.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(IncidentTableModel::Where, QHeaderView::Fixed);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section) {
        if (section != IncidentTableModel::Where)
            fitPlaceColumn();
    });
    m_view->viewport()->installEventFilter(this);

    m_view->setAlternatingRowColors(true);
    m_view->setAccessibleName(tr("Incident list"));
    m_view->installEventFilter(this);
    m_showResolved = new QCheckBox(tr("Show &resolved"), this);
    m_myQueue = new QCheckBox(tr("My &districts only"), this);
    m_myQueue->setToolTip(tr("Show only the incidents of the districts you answer for"));
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    auto *actions = new QHBoxLayout;
    const std::pair<IncidentState, QString> steps[] = {
        {IncidentState::Acknowledged, tr("&Acknowledge")}, {IncidentState::Dispatched, tr("&Dispatch")},
        {IncidentState::OnScene, tr("&On scene")}, {IncidentState::Resolved, tr("&Resolve")}, {IncidentState::Closed, tr("&Close")}};
    for (const auto &[state, label] : steps) {
        auto *button = new QPushButton(label, this);
        button->setObjectName(QStringLiteral("step-") + incidentStateName(state));
        button->setEnabled(false);
        actions->addWidget(button);
        m_stepButtons.emplace_back(state, button);
        connect(button, &QPushButton::clicked, this, [this, state = state] { requestStep(state); });
    }
    m_noteButton = new QPushButton(tr("&Note…"), this);
    m_noteButton->setEnabled(false);
    actions->addWidget(m_noteButton);
    connect(m_noteButton, &QPushButton::clicked, this, &IncidentPanel::addNote);
    layout->addLayout(actions);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_myQueue);
    filters->addWidget(m_showResolved);
    filters->addStretch(1);
    layout->addLayout(filters);
    m_myQueue->setEnabled(false);
    connect(m_myQueue, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setDistricts(on && m_ops ? m_ops->actor().districts : QList<int>{});
        updateSummary();
    });
    connect(m_showResolved, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setShowResolved(on);
        updateSummary();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (!m_syncing && current.isValid())
            Q_EMIT incidentActivated(m_model->incidentAt(current.row()));
        updateActions();
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT incidentActivated(m_model->incidentAt(index.row()));
    });
    reload();
}

void IncidentPanel::reload()
{
    const IncidentId current = m_model->incidentAt(m_view->currentIndex().row());
    m_syncing = true;
    m_model->reload();
    if (const int row = m_model->rowOf(current); row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
    m_syncing = false;
    m_view->resizeColumnToContents(IncidentTableModel::Severity);
    m_view->resizeColumnToContents(IncidentTableModel::Kind);
    m_view->resizeColumnToContents(IncidentTableModel::State);
    m_view->resizeColumnToContents(IncidentTableModel::Sla);
    updateSummary();
    updateActions();
}

void IncidentPanel::setOps(OpsClient *ops)
{
    m_ops = ops;
    auto follow = [this] {
        // A responder works their district's queue by default; others see the whole city.
        const bool responder = m_ops->actor().highestRole() == Role::Responder;
        m_myQueue->setEnabled(!m_ops->actor().districts.isEmpty());
        m_myQueue->setChecked(responder);
        m_model->setDistricts(m_myQueue->isChecked() ? m_ops->actor().districts : QList<int>{});
        updateSummary();
        updateActions();
    };
    connect(ops, &OpsClient::actorChanged, this, follow);
    follow();
}

IncidentId IncidentPanel::currentIncident() const
{
    // Only what is visibly selected: a current row without its highlight (after a click elsewhere on the map) is
    // not what the operator is looking at, so no button and no key acts on it.
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), QModelIndex()))
        return 0;
    return m_model->incidentAt(current.row());
}

void IncidentPanel::updateActions()
{
    const Incident *incident = m_scene.incident(currentIncident());
    // A greyed button says why (as a tooltip): nothing selected, nobody signed in, locked or replaying, not a step
    // from this state, or the backend's own refusal for this person.
    const QString nothing = tr("Select an incident in the list first.");
    const QString blocked = m_ops ? m_ops->whyNot() : QString();
    auto explain = [&](QPushButton *button, std::optional<Permission> permission, const QString &notAStep) {
        QString why;
        if (!incident)
            why = nothing;
        else if (!blocked.isEmpty())
            why = blocked;
        else if (!permission)
            why = notAStep;
        else if (!m_ops->may(*permission, incident->district))
            why = refusal(m_ops->actor(), *permission, Labels::district(m_scene.city(), incident->district));
        button->setEnabled(why.isEmpty() && m_ops);
        button->setToolTip(why);
    };
    for (const auto &[state, button] : m_stepButtons) {
        std::optional<Permission> permission;
        if (incident) {
            permission = transitionPermission(incident->state, state);
            if (state == IncidentState::Acknowledged && incident->state == IncidentState::Dispatched && incident->acknowledgedBy.isEmpty())
                permission = Permission::AcknowledgeIncident;
        }
        explain(button, permission,
                incident ? tr("Not a step from %1.").arg(Labels::incidentState(incident->state)) : QString());
    }
    explain(m_noteButton, Permission::WorkIncident, QString());
}

void IncidentPanel::requestStep(IncidentState to)
{
    const IncidentId id = currentIncident();
    if (!m_ops || id == 0)
        return;
    m_ops->ask(request::TransitionIncident{id, to, {}}, tr("Incident #%1").arg(id));
}

void IncidentPanel::addNote()
{
    const IncidentId id = currentIncident();
    if (!m_ops || id == 0)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Note on incident #%1").arg(id), tr("Note:"), {}, &ok);
    if (ok && !text.trimmed().isEmpty())
        m_ops->ask(request::NoteIncident{id, text.left(kMaxNoteLength)}, tr("Incident #%1").arg(id));
}

int IncidentPanel::leastPlaceWidth(const QFontMetrics &metrics) { return metrics.averageCharWidth() * 18; }

void IncidentPanel::fitPlaceColumn()
{
    QHeaderView *header = m_view->horizontalHeader();
    int others = 0;
    for (int c = 0; c < header->count(); ++c)
        if (c != IncidentTableModel::Where)
            others += header->sectionSize(c);
    const int least = IncidentPanel::leastPlaceWidth(m_view->fontMetrics());
    header->resizeSection(IncidentTableModel::Where, std::max(m_view->viewport()->width() - others, least));
}

bool IncidentPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitPlaceColumn();
    // One keystroke per lifecycle step while the list has focus (the buttons carry the same letters as Alt+).
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier) {
            switch (key->key()) {
            case Qt::Key_A: requestStep(IncidentState::Acknowledged); return true;
            case Qt::Key_D: requestStep(IncidentState::Dispatched); return true;
            case Qt::Key_O: requestStep(IncidentState::OnScene); return true;
            case Qt::Key_R: requestStep(IncidentState::Resolved); return true;
            case Qt::Key_C: requestStep(IncidentState::Closed); return true;
            case Qt::Key_N: addNote(); return true;
            default: break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void IncidentPanel::tick() { m_model->tick(); }

void IncidentPanel::showSelection(const MapSelection &selection)
{
    m_syncing = true;
    const int row = selection.kind == MapSelection::Kind::Incident ? m_model->rowOf(selection.id) : -1;
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
    else
        m_view->selectionModel()->clear();   // the current row too: nothing unseen stays a target
    m_syncing = false;
    updateActions();
}

void IncidentPanel::updateSummary()
{
    int counts[4] = {0, 0, 0, 0};
    int open = 0, escalated = 0;
    const QList<int> scope = m_myQueue->isChecked() && m_ops ? m_ops->actor().districts : QList<int>{};
    for (const Incident &i : m_scene.incidents) {
        if (i.isOpen() && (scope.isEmpty() || scope.contains(i.district))) {
            ++counts[static_cast<int>(i.severity)];
            ++open;
            escalated += i.escalated();
        }
    }
    m_summary->setText(tr("%n open incident(s) — critical %1 · major %2 · minor %3", nullptr, open)
                           .arg(counts[3]).arg(counts[2]).arg(counts[1])
                       + (escalated ? tr(" · %n escalated", nullptr, escalated) : QString()));
}

} // namespace cityops
