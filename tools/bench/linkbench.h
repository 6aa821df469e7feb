#pragma once

#include <QCommandLineParser>
#include <QString>

namespace cityops::bench {

/// `cityops-bench link [--messages N] [--commands C] [--targets T]`: starts its own mosquitto on a free loopback
/// port. (1) N device reports published at QoS 1 are consumed once by a plain libmosquitto subscriber (the
/// baseline) and once by the console's MqttLink (parsed, validated, sequence-checked, queued as events); rates
/// are from the first publish to the last arrival. (2) C signed commands, one at a time, through the broker to a
/// cityops-sim process whose devices answer at once: round trip to the answer event. (3) An order over T
/// streetlights through the console's Engine, the broker and cityops-sim (devices answer in 150-900 ms).
int runLinkBench(const QCommandLineParser &parser, const QString &cityPath);

} // namespace cityops::bench
