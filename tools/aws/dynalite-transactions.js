// A DynamoDB stand-in for tests: dynalite (an implementation of DynamoDB's API on LevelDB), in front of which
// this proxy adds the one call dynalite lacks, TransactWriteItems.
//
//   node dynalite-transactions.js PORT
//
// Every write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems) passes through one queue,
// so a transaction runs alone among writes: it reads the prior image of each item, applies its actions one by
// one as conditional single-item writes, and when one fails puts the prior images back before answering with
// TransactionCanceledException and its CancellationReasons, as DynamoDB does. Reads are not isolated from a
// transaction in progress (DynamoDB's are); the tests do not depend on that. Two actions on one item are
// refused as DynamoDB refuses them.
'use strict'

const http = require('http')
const dynalite = require('dynalite')

const port = Number(process.argv[2] || 0)
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'])
const inner = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
const keySchemas = new Map()
let queue = Promise.resolve()

function serialized (work) {
  const result = queue.then(work, work)
  queue = result.catch(() => {})
  return result
}

function call (target, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1', port: inner.address().port, method: 'POST', path: '/',
      headers: Object.assign({}, headers, {
        'x-amz-target': 'DynamoDB_20120810.' + target,
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(body)
      })
    }, response => {
      const chunks = []
      response.on('data', chunk => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }))
    })
    request.on('error', reject)
    request.end(body)
  })
}

async function json (target, data, headers) {
  const answer = await call(target, headers, JSON.stringify(data))
  return { status: answer.status, data: answer.body ? JSON.parse(answer.body) : {} }
}

async function keyOf (table, item, headers) {
  if (!keySchemas.has(table)) {
    const described = await json('DescribeTable', { TableName: table }, headers)
    if (described.status !== 200) throw Object.assign(new Error('no table'), { answer: described })
    keySchemas.set(table, described.data.Table.KeySchema.map(k => k.AttributeName))
  }
  const key = {}
  for (const name of keySchemas.get(table)) key[name] = item[name]
  return key
}

function expressionParts (action) {
  const parts = {}
  for (const field of ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues']) {
    if (action[field] !== undefined) parts[field] = action[field]
  }
  return parts
}

async function transact (headers, body) {
  const items = JSON.parse(body).TransactItems || []
  const steps = []
  const seen = new Set()
  for (const entry of items) {
    const [kind, action] = Object.entries(entry)[0]
    const key = kind === 'Put' ? await keyOf(action.TableName, action.Item, headers) : action.Key
    const id = action.TableName + JSON.stringify(key)
    if (seen.has(id)) {
      return error(400, 'ValidationException', 'Transaction request cannot include multiple operations on one item')
    }
    seen.add(id)
    steps.push({ kind, action, key })
  }
  const applied = []
  for (let i = 0; i < steps.length; i++) {
    const { kind, action, key } = steps[i]
    const prior = await json('GetItem', { TableName: action.TableName, Key: key, ConsistentRead: true }, headers)
    const step = { table: action.TableName, key, prior: prior.data.Item }
    let answer
    if (kind === 'Put') {
      answer = await json('PutItem', Object.assign({ TableName: action.TableName, Item: action.Item }, expressionParts(action)), headers)
    } else if (kind === 'Delete') {
      answer = await json('DeleteItem', Object.assign({ TableName: action.TableName, Key: key }, expressionParts(action)), headers)
    } else if (kind === 'Update') {
      answer = await json('UpdateItem', Object.assign({ TableName: action.TableName, Key: key, UpdateExpression: action.UpdateExpression }, expressionParts(action)), headers)
    } else if (kind === 'ConditionCheck') {
      // An update without changes checks the condition; the prior image is put back below in any case.
      answer = await json('UpdateItem', Object.assign({ TableName: action.TableName, Key: key }, expressionParts(action)), headers)
      step.restoreAlways = true
    } else {
      await restore(applied, headers)
      return error(400, 'ValidationException', 'unknown transaction action ' + kind)
    }
    if (answer.status !== 200) {
      if (answer.status < 500 && !(answer.data.__type || '').endsWith('ConditionalCheckFailedException')) {
        await restore(applied, headers)
        return { status: answer.status, body: JSON.stringify(answer.data) }
      }
      await restore(applied.concat([step]), headers)
      const reasons = steps.map((s, j) => j === i ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : { Code: 'None' })
      return {
        status: 400,
        body: JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [' + reasons.map(r => r.Code).join(', ') + ']',
          CancellationReasons: reasons
        })
      }
    }
    applied.push(step)
  }
  await restore(applied.filter(s => s.restoreAlways), headers)
  return { status: 200, body: '{}' }
}

async function restore (steps, headers) {
  for (const step of steps.slice().reverse()) {
    if (step.prior) await json('PutItem', { TableName: step.table, Item: step.prior }, headers)
    else await json('DeleteItem', { TableName: step.table, Key: step.key }, headers)
  }
}

function error (status, type, message) {
  return { status, body: JSON.stringify({ __type: 'com.amazon.coral.validate#' + type, message }) }
}

const proxy = http.createServer((req, res) => {
  const chunks = []
  req.on('data', chunk => chunks.push(chunk))
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString()
    const target = String(req.headers['x-amz-target'] || '').split('.').pop()
    const headers = { authorization: req.headers.authorization || '', 'x-amz-date': req.headers['x-amz-date'] || '' }
    try {
      let answer
      if (target === 'TransactWriteItems') {
        answer = await serialized(() => transact(headers, body))
      } else if (WRITES.has(target)) {
        answer = await serialized(() => call(target, headers, body))
      } else {
        answer = await call(target, headers, body)
      }
      res.statusCode = answer.status
      res.setHeader('content-type', 'application/x-amz-json-1.0')
      res.setHeader('x-amzn-requestid', 'standin')
      res.end(answer.body)
    } catch (failure) {
      res.statusCode = 500
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(failure) }))
    }
  })
})

inner.listen(0, '127.0.0.1', () => {
  proxy.listen(port, '127.0.0.1', () => {
    console.log('dynalite with transactions listening on ' + proxy.address().port)
  })
})
