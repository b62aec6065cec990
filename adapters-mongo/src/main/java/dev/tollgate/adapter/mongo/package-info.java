/**
 * Tollgate's store ports on MongoDB: {@link dev.tollgate.adapter.mongo.MongoStores}.
 */
package dev.tollgate.adapter.mongo;
