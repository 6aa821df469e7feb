#include "panels/ordertargetmodel.h"

#include "labels.h"
#include "map/mapstyle.h"

namespace cityops {

OrderTargetModel::OrderTargetModel(const CityMirror &scene, QObject *parent) : QAbstractTableModel(parent), m_scene(scene) {}

OrderTargetModel::Outcome OrderTargetModel::outcomeOf(CommandStage stage)
{
    switch (stage) {
    case CommandStage::Confirmed: return Outcome::Confirmed;
    case CommandStage::Rejected:
    case CommandStage::TimedOut:
    case CommandStage::Expired: return Outcome::Failed;
    case CommandStage::Cancelled: return Outcome::Cancelled;
    default: return Outcome::Open;
    }
}

void OrderTargetModel::setOrder(const Order &order)
{
    if (order.id == m_order && order.targets.size() == m_targets.size()) {
        m_targets = order.targets;   // same rows, new results: the view keeps its sorting, selection and scroll
        if (!m_targets.empty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_targets.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_order = order.id;
    m_targets = order.targets;
    endResetModel();
}

void OrderTargetModel::clear()
{
    beginResetModel();
    m_order = 0;
    m_targets.clear();
    endResetModel();
}

int OrderTargetModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_targets.size()); }
int OrderTargetModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OrderTargetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_targets.size()))
        return {};
    const OrderTarget &t = m_targets[size_t(index.row())];
    const Outcome outcome = outcomeOf(t.stage);
    if (role == kOutcomeRole)
        return int(outcome);
    const CityModel &city = m_scene.city();
    const QString device = t.device < city.devices.size() ? city.devices[t.device].id : QString::number(t.device);
    if (role == Qt::DisplayRole || role == kSortRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case DeviceColumn:   // sorted by id: a wide order has thousands of rows, and only those shown need their place
            return role != kSortRole && t.device < city.devices.size() ? m_scene.deviceName(t.device) : device;
        case CommandColumn: return Labels::commandWithValue(t.action, t.value);
        case ResultColumn: return role == kSortRole ? QVariant(int(outcome) * 100 + int(t.stage)) : QVariant(Labels::commandStage(t.stage));
        case ReasonColumn: return t.reason;
        case AttemptColumn:
            if (role == kSortRole)
                return int(t.attempt);
            return t.attempt > 1 ? QVariant(t.attempt) : QVariant();
        default: return {};
        }
    }
    // Colour only for what went wrong (ISA-101), and never alone: the result says it in words.
    if (role == Qt::ForegroundRole && outcome == Outcome::Failed && (index.column() == ResultColumn || index.column() == ReasonColumn))
        return mapstyle::severityColor(IncidentSeverity::Major);
    return {};
}

QVariant OrderTargetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DeviceColumn: return tr("Device");
    case CommandColumn: return tr("Command");
    case ResultColumn: return tr("Result");
    case ReasonColumn: return tr("Reason");
    case AttemptColumn: return tr("Attempt");
    default: return {};
    }
}

void OrderTargetFilter::setOutcome(int outcome)
{
    m_outcome = outcome;
    invalidateFilter();
}

void OrderTargetFilter::setDeviceText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool OrderTargetFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    if (m_outcome >= 0 && m->index(sourceRow, 0, sourceParent).data(OrderTargetModel::kOutcomeRole).toInt() != m_outcome)
        return false;
    return m_text.isEmpty()
           || m->index(sourceRow, OrderTargetModel::DeviceColumn, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace cityops
