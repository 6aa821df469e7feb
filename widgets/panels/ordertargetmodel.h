#pragma once

#include "citymirror.h"
#include "state/orderbook.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace cityops {

/// The targets of one order as a table (device, command, result, reason, attempt): a model, so that an order of
/// 10,000 targets lists every one of them, sorts and filters without building a widget per row.
class OrderTargetModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { DeviceColumn, CommandColumn, ResultColumn, ReasonColumn, AttemptColumn, ColumnCount };
    /// What a result counts as, for the counts and the filter.
    enum class Outcome { Open, Confirmed, Failed, Cancelled };
    static constexpr int kOutcomeRole = Qt::UserRole + 1;
    static constexpr int kSortRole = Qt::UserRole + 2;

    explicit OrderTargetModel(const CityMirror &scene, QObject *parent = nullptr);

    /// Shows `order`'s targets; the same order again updates the rows in place (sorting and scrolling stay).
    void setOrder(const Order &order);
    void clear();
    std::uint32_t order() const { return m_order; }
    const std::vector<OrderTarget> &targets() const { return m_targets; }
    static Outcome outcomeOf(CommandStage stage);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const CityMirror &m_scene;   ///< the city, and where its devices are (found once per device)
    std::uint32_t m_order = 0;
    std::vector<OrderTarget> m_targets;
};

/// Shows the targets of one outcome (or all) whose device id contains a text.
class OrderTargetFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    /// -1: every outcome.
    void setOutcome(int outcome);
    void setDeviceText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_outcome = -1;
    QString m_text;
};

} // namespace cityops
