"""The pet API's next version, for collection drift tests: the pet routes of fastapi_app.py as a
FastAPI developer might change them — new pets need an `owner`, `age` became text, the `status`
filter of the list is now called `state`, and pets can no longer be deleted."""
from typing import Annotated, Optional

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

from fastapi_app import Status

app = FastAPI(title="Specter Test Pets", version="2.0.0")


class PetIn(BaseModel):
    name: str = Field(min_length=1, max_length=40, examples=["Rex"])
    age: str = Field(description="Age, as people say it")
    owner: str = Field(examples=["Ann"])
    status: Status = Status.available
    tags: list[str] = []


class Pet(PetIn):
    id: int


PETS: dict[int, Pet] = {1: Pet(id=1, name="Rex", age="3 years", owner="Ann", tags=["dog"])}


@app.get("/pets", tags=["pets"], response_model=list[Pet], summary="List pets")
def list_pets(limit: Annotated[int, Query(ge=1, le=100)] = 10, state: Optional[Status] = None):
    return [p for p in PETS.values() if state is None or p.status == state][:limit]


@app.post("/pets", tags=["pets"], response_model=Pet, status_code=201, summary="Create a pet")
def create_pet(pet: PetIn):
    new = Pet(id=max(PETS) + 1, **pet.model_dump())
    PETS[new.id] = new
    return new


@app.get("/pets/{pet_id}", tags=["pets"], response_model=Pet, summary="Get a pet")
def get_pet(pet_id: int):
    if pet_id not in PETS:
        raise HTTPException(status_code=404, detail=f"pet {pet_id} not found")
    return PETS[pet_id]
