#pragma once

#include "city/citymodel.h"
#include "state/loadhistory.h"

#include <QWidget>

class QCustomPlot;
class QCPAxisRect;
class QCPLegend;
class QLabel;

namespace cityops {

/// City load and the busiest feeders over the last hour (QCustomPlot), redrawn when the load history advances.
/// Feeder lines stay grey until they pass 80 % (amber) or 100 % (red) of their rating.
class EnergyPanel : public QWidget {
    Q_OBJECT
public:
    EnergyPanel(std::shared_ptr<const CityModel> city, QWidget *parent = nullptr);

    void setSeries(const LoadHistory::Series &series);
    /// Device ids of the feeders currently plotted, busiest first.
    QStringList plottedFeeders() const { return m_plotted; }
    QCustomPlot *plot() { return m_plot; }

private:
    void showScales(bool shown);

    std::shared_ptr<const CityModel> m_city;
    QCustomPlot *m_plot;
    QCPAxisRect *m_feederRect;
    QCPLegend *m_legend;
    QLabel *m_headline;
    QStringList m_plotted;
};

} // namespace cityops
