"""The Flask test server (APIFlask): publishes its description at /api/openapi.json with a relative server URL."""
from apiflask import APIFlask, Schema, abort
from apiflask.fields import Integer, List, String
from apiflask.validators import Length, OneOf, Range

app = APIFlask(__name__, title="Specter Test Books", version="2.1.0", spec_path="/api/openapi.json", docs_path=None)
app.config["SERVERS"] = [{"url": "/library", "description": "The library, relative to this document"}]
app.config["TAGS"] = [{"name": "books", "description": "Books on the shelf"}]


class BookIn(Schema):
    title = String(required=True, validate=Length(1, 80))
    year = Integer(required=True, validate=Range(1450, 2100))
    genre = String(load_default="fiction", validate=OneOf(["fiction", "science", "history"]))
    authors = List(String(), load_default=[])


class BookOut(BookIn):
    id = Integer()


class BookQuery(Schema):
    genre = String(validate=OneOf(["fiction", "science", "history"]))
    limit = Integer(load_default=10, validate=Range(1, 50))


BOOKS = {1: {"id": 1, "title": "Dune", "year": 1965, "genre": "fiction", "authors": ["Frank Herbert"]}}


@app.get("/library/books")
@app.input(BookQuery, location="query")
@app.output(BookOut(many=True))
@app.doc(tags=["books"], summary="List books")
def list_books(query_data):
    books = [b for b in BOOKS.values() if "genre" not in query_data or b["genre"] == query_data["genre"]]
    return books[: query_data["limit"]]


@app.post("/library/books")
@app.input(BookIn)
@app.output(BookOut, status_code=201)
@app.doc(tags=["books"], summary="Add a book")
def add_book(json_data):
    book = {"id": max(BOOKS) + 1, **json_data}
    BOOKS[book["id"]] = book
    return book


@app.get("/library/books/<int:book_id>")
@app.output(BookOut)
@app.doc(tags=["books"], summary="Get a book", responses=[404])
def get_book(book_id):
    if book_id not in BOOKS:
        abort(404, "no such book")
    return BOOKS[book_id]
