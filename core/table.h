/* table.h -- the "quarry.table/1" service: plugin data files read one way
 * (comments, blank lines, UTF-8, tab-separated columns, every bad line
 * reported). Internal to the core; plugins reach it through
 * qry_service(host, QRY_SERVICE_TABLE). */
#ifndef QUARRY_TABLE_H
#define QUARRY_TABLE_H

#include "quarry/plugin.h"

extern const qry_table_service qtable_service;

#endif
