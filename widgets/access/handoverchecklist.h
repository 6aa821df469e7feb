#pragma once

#include "state/citystatesource.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace cityops {

class GreenWaveRun;

/// What the incoming person takes over at a shift change, as a checklist: the outgoing person's note, the open
/// incidents (most severe first), the shelved and out-of-service alarms, the orders still running, the green waves
/// still following their vehicles (they go on in the name of whoever started them). Accepting needs the box ticked
/// that says it was read; the acceptance is recorded with the counts.
class HandOverChecklist : public QDialog {
    Q_OBJECT
public:
    HandOverChecklist(const CityStateSource &source, const CityModel &city, const QString &from, const QString &note,
                      const std::vector<GreenWaveRun *> &waves, QWidget *parent = nullptr);

    /// "3 open incidents, 1 shelved alarm, 2 running orders" — what the record says was taken over.
    QString summary() const { return m_summary; }
    QTreeWidget *items() const { return m_items; }
    QCheckBox *readBox() const { return m_read; }
    QPushButton *acceptButton() const { return m_accept; }

private:
    QTreeWidget *m_items;
    QCheckBox *m_read;
    QPushButton *m_accept;
    QString m_summary;
};

} // namespace cityops
