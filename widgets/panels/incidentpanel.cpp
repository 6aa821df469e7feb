#include "panels/incidentpanel.h"

#include "labels.h"
#include "map/mapstyle.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace cityops {

IncidentTableModel::IncidentTableModel(const MapScene &scene, QObject *parent)
    : QAbstractTableModel(parent), m_scene(scene), m_zone(QTimeZone(scene.city().meta.timezone.toUtf8()))
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::utc();
}

void IncidentTableModel::setShowResolved(bool show)
{
    m_showResolved = show;
    reload();
}

void IncidentTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    for (const Incident &i : m_scene.incidents)
        if (m_showResolved || i.isOpen())
            m_rows.push_back(i);
    std::sort(m_rows.begin(), m_rows.end(), [](const Incident &a, const Incident &b) {
        if (a.isOpen() != b.isOpen())
            return a.isOpen();
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.raisedMs < b.raisedMs;
    });
    endResetModel();
}

void IncidentTableModel::tick()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Since), index(rowCount() - 1, Since), {Qt::DisplayRole});
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
    const CityModel &city = m_scene.city();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Severity: return i.isOpen() ? Labels::severity(i.severity) : Labels::incidentState(i.state);
        case Kind: return Labels::incidentKind(i.kind);
        case Where: return Labels::where(city, i.road, i.district, i.position);
        case District: return Labels::district(city, i.district);
        case Since: return i.isOpen() ? Labels::duration(m_scene.nowMs - i.raisedMs)
                                      : Labels::clock(i.resolvedMs, m_zone, false);
        }
    } else if (role == Qt::DecorationRole && index.column() == Severity && i.isOpen()) {
        return mapstyle::severityColor(i.severity);
    } else if (role == Qt::ForegroundRole && !i.isOpen()) {
        return QColor(0x80, 0x86, 0x8c);
    } else if (role == Qt::ToolTipRole && index.column() == Since) {
        return Labels::clock(i.raisedMs, m_zone);
    }
    return {};
}

QVariant IncidentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity: return tr("Severity");
    case Kind: return tr("Incident");
    case Where: return tr("Where");
    case District: return tr("District");
    case Since: return tr("Open for");
    }
    return {};
}

IncidentPanel::IncidentPanel(const MapScene &scene, QWidget *parent)
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
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(IncidentTableModel::Where, QHeaderView::Stretch);
    m_view->setAlternatingRowColors(true);
    m_view->setAccessibleName(tr("Incident list"));
    m_showResolved = new QCheckBox(tr("Show &resolved"), this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_showResolved);
    connect(m_showResolved, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setShowResolved(on);
        updateSummary();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (!m_syncing && current.isValid())
            Q_EMIT incidentActivated(m_model->incidentAt(current.row()));
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
    updateSummary();
}

void IncidentPanel::tick() { m_model->tick(); }

void IncidentPanel::showSelection(const MapSelection &selection)
{
    m_syncing = true;
    const int row = selection.kind == MapSelection::Kind::Incident ? m_model->rowOf(selection.id) : -1;
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
    else
        m_view->clearSelection();
    m_syncing = false;
}

void IncidentPanel::updateSummary()
{
    int counts[4] = {0, 0, 0, 0};
    int open = 0;
    for (const Incident &i : m_scene.incidents) {
        if (i.isOpen()) {
            ++counts[static_cast<int>(i.severity)];
            ++open;
        }
    }
    m_summary->setText(tr("%n open incident(s) — critical %1 · major %2 · minor %3", nullptr, open)
                           .arg(counts[3]).arg(counts[2]).arg(counts[1]));
}

} // namespace cityops
